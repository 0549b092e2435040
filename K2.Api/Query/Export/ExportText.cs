using System.Globalization;
using K2.Api.Responses;

namespace K2.Api.Query.Export;

/// <summary>The text form of an exported value, shared by JSON and CSV so both read the same.</summary>
internal static class ExportText
{
    public static string Format(object value) => value switch
    {
        decimal exact => WireFormat.Exact(exact),
        DateTimeOffset instant => WireFormat.Timestamp(instant),
        long number => number.ToString(CultureInfo.InvariantCulture),
        string text => text,
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Not an export value."),
    };
}

using System.Globalization;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Types;

namespace K2.Lakehouse.Writing;

/// <summary>
/// Hive-style directory names for a partition (<c>exchange=BINANCE/timestamp_day=2026-03-10</c>). Purely for
/// humans and tools that list directories: Iceberg readers take partition values from manifests, never from paths.
/// </summary>
internal static class PartitionPaths
{
    public static string For(PartitionSpec spec, IReadOnlyList<PrimitiveType> types, PartitionData partition) =>
        string.Join('/', spec.Fields.Select((field, i) => $"{Escape(field.Name)}={Escape(Format(types[i], partition[i]))}"));

    private static string Format(PrimitiveType type, object? value) => value switch
    {
        null => "null",
        int days when type.Kind == PrimitiveKind.Date => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    private static string Escape(string text) => Uri.EscapeDataString(text);
}

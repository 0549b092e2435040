using System.Globalization;
using K2.Contracts.Model;

namespace K2.Api.Responses;

/// <summary>
/// How values are written on the wire. Prices and quantities are strings with exactly the column's eight decimals
/// (DECIMAL(18,8)): exact, and identical whether a row came hot from a grain or cold from Parquet. JSON numbers
/// would pass through a client's double. Timestamps are ISO-8601 UTC with six fractional digits.
/// </summary>
public static class WireFormat
{
    private const string DecimalFormat = "F8";
    private const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public static string Exact(decimal value) => value.ToString(DecimalFormat, CultureInfo.InvariantCulture);

    public static string Timestamp(DateTimeOffset value) => UtcMicros.Truncate(value).UtcDateTime.ToString(TimestampFormat, CultureInfo.InvariantCulture);

    public static string Timestamp(long micros) => Timestamp(UtcMicros.FromMicros(micros));
}

namespace K2.Api.Query.Candles;

/// <summary>The candle widths the API serves, by their wire names. Buckets are aligned to the Unix epoch, i.e. UTC.</summary>
public static class CandleInterval
{
    private const long MicrosPerMinute = 60_000_000;

    private static readonly Dictionary<string, long> Widths = new(StringComparer.Ordinal)
    {
        ["1m"] = MicrosPerMinute,
        ["5m"] = 5 * MicrosPerMinute,
        ["15m"] = 15 * MicrosPerMinute,
        ["1h"] = 60 * MicrosPerMinute,
        ["1d"] = 24 * 60 * MicrosPerMinute,
    };

    public static IReadOnlyCollection<string> Names => Widths.Keys;

    /// <summary>The bucket width in microseconds; a 400 for any other name.</summary>
    public static long Parse(string? name) =>
        name is not null && Widths.TryGetValue(name, out var width)
            ? width
            : throw new ApiException(StatusCodes.Status400BadRequest, "invalid_interval", $"interval is one of {string.Join(", ", Names)}.");

    /// <summary>Start of the bucket holding <paramref name="micros"/> (floored, also before the epoch).</summary>
    public static long BucketStart(long micros, long width) => micros - (((micros % width) + width) % width);
}

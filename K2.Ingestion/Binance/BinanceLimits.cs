namespace K2.Ingestion.Binance;

/// <summary>
/// Facts of Binance's spot API that K2 must stay within. These are the venue's documented limits, not tunables,
/// so options are validated against them rather than replacing them.
/// </summary>
public static class BinanceLimits
{
    /// <summary>Binance cuts every stream connection at this age; rotation must happen before it.</summary>
    public static readonly TimeSpan ConnectionLifetime = TimeSpan.FromHours(24);

    /// <summary>Streams one connection may carry.</summary>
    public const int MaxStreamsPerConnection = 1024;

    /// <summary>Largest <c>limit</c> accepted by <c>GET /api/v3/historicalTrades</c>.</summary>
    public const int MaxHistoricalTradesPageSize = 1000;

    /// <summary>Request weight of one <c>GET /api/v3/historicalTrades</c> call, against 6,000 per minute per IP.</summary>
    public const int HistoricalTradesWeight = 25;
}

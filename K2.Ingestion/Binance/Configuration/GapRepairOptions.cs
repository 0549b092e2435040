namespace K2.Ingestion.Binance.Configuration;

/// <summary>
/// REST backfill through <c>GET /api/v3/historicalTrades</c>. Binance meters the IP, not the key: 6,000 weight a
/// minute shared by everything on the host, 25 per call. The default bucket (1 call a second, bursts of 5) spends
/// at most a quarter of that budget on repair.
/// </summary>
public sealed class GapRepairOptions
{
    /// <summary>Trades asked for per call (Binance's maximum is 1000).</summary>
    public int PageSize { get; set; } = BinanceLimits.MaxHistoricalTradesPageSize;

    /// <summary>Token bucket size: calls that may go out back to back.</summary>
    public int BucketCapacity { get; set; } = 5;

    /// <summary>Tokens added every <see cref="ReplenishmentPeriod"/>.</summary>
    public int TokensPerPeriod { get; set; } = 1;

    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts per page across 429/418/5xx/network failures before the repair reports failure.</summary>
    public int MaxAttemptsPerPage { get; set; } = 5;

    /// <summary>Wait after a 5xx or network failure, or a 429 without a <c>Retry-After</c> header.</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Longest <c>Retry-After</c> honoured by waiting. A 418 ban can last days; past this the repair fails
    /// (its request can be replayed) instead of holding a worker.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Optional <c>X-MBX-APIKEY</c>. Older Binance docs mark this endpoint MARKET_DATA (key required); current ones
    /// list no security type. Set it from a secret store, never from a committed file.
    /// </summary>
    public string? ApiKey { get; set; }
}

using System.Threading.RateLimiting;
using K2.Ingestion.Binance.Configuration;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.Binance.GapRepair;

/// <summary>
/// The token bucket every <c>historicalTrades</c> call (retries included) waits on, shared by all repairs in the
/// process so concurrent repairs cannot add up past the budget. Waiting callers queue rather than fail: a repair
/// that waits is better than one that has to be replayed.
/// </summary>
public sealed class BinanceRestRateLimiter : IDisposable
{
    private readonly RateLimiter _limiter;

    public BinanceRestRateLimiter(IOptions<BinanceFeedOptions> options)
        : this(CreateTokenBucket((options ?? throw new ArgumentNullException(nameof(options))).Value.GapRepair))
    {
    }

    /// <summary>For tests: any limiter, e.g. a token bucket replenished by hand.</summary>
    internal BinanceRestRateLimiter(RateLimiter limiter) => _limiter = limiter;

    public static TokenBucketRateLimiter CreateTokenBucket(GapRepairOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.BucketCapacity,
            TokensPerPeriod = options.TokensPerPeriod,
            ReplenishmentPeriod = options.ReplenishmentPeriod,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
    }

    internal ValueTask<RateLimitLease> AcquireAsync(CancellationToken cancellationToken) =>
        _limiter.AcquireAsync(permitCount: 1, cancellationToken);

    public void Dispose() => _limiter.Dispose();
}

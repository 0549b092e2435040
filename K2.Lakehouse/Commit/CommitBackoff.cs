using K2.Lakehouse.Configuration;

namespace K2.Lakehouse.Commit;

/// <summary>
/// Exponential backoff with jitter between commit attempts, bounded by the configured minimum and maximum, so
/// competing writers spread out instead of colliding again in lockstep.
/// </summary>
internal static class CommitBackoff
{
    public static TimeSpan Delay(LakehouseOptions options, int failedAttempts)
    {
        var exponent = Math.Min(failedAttempts - 1, 20);
        var ceiling = Math.Min(options.CommitRetryMinWait.TotalMilliseconds * Math.Pow(2, exponent), options.CommitRetryMaxWait.TotalMilliseconds);
        var jittered = ceiling * (0.5 + (Random.Shared.NextDouble() / 2));
        return TimeSpan.FromMilliseconds(Math.Max(jittered, options.CommitRetryMinWait.TotalMilliseconds));
    }
}

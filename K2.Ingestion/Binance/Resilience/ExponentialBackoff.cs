using K2.Ingestion.Binance.Configuration;

namespace K2.Ingestion.Binance.Resilience;

/// <summary>
/// Reconnect delays: cap = min(Max, Initial × 2^failures); with full jitter the delay is uniform in [0, cap].
/// There is no attempt limit: the feed retries for as long as the service runs.
/// </summary>
internal sealed class ExponentialBackoff(ReconnectBackoffOptions options, Func<double> nextUnitRandom)
{
    private const double Growth = 2.0;
    private int _failures;

    public ExponentialBackoff(ReconnectBackoffOptions options)
        : this(options, Random.Shared.NextDouble)
    {
    }

    /// <summary>The delay before the next attempt; each call counts one more failure.</summary>
    public TimeSpan NextDelay()
    {
        var cap = Cap(_failures);
        if (cap < options.Max)
        {
            _failures++;
        }

        return options.Jitter == BackoffJitter.Full
            ? TimeSpan.FromTicks((long)(cap.Ticks * nextUnitRandom()))
            : cap;
    }

    /// <summary>After a healthy session: the next delay starts from <see cref="ReconnectBackoffOptions.Initial"/> again.</summary>
    public void Reset() => _failures = 0;

    private TimeSpan Cap(int failures)
    {
        var ticks = options.Initial.Ticks * Math.Pow(Growth, failures);
        return ticks >= options.Max.Ticks ? options.Max : TimeSpan.FromTicks((long)ticks);
    }
}

namespace K2.Ingestion.Binance.Configuration;

/// <summary>Delay between reconnection attempts: exponential from <see cref="Initial"/>, capped at <see cref="Max"/>.</summary>
public sealed class ReconnectBackoffOptions
{
    public TimeSpan Initial { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan Max { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Full jitter (a uniform delay between zero and the exponential cap) keeps many feed handlers that lost
    /// Binance together from reconnecting in lock-step against its 300-connections-per-5-minutes IP limit.
    /// </summary>
    public BackoffJitter Jitter { get; set; } = BackoffJitter.Full;
}

public enum BackoffJitter
{
    /// <summary>Exactly the exponential cap; predictable, for diagnosis only.</summary>
    None = 0,

    /// <summary>Uniform in [0, cap].</summary>
    Full = 1,
}

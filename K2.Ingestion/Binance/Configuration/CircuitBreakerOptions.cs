namespace K2.Ingestion.Binance.Configuration;

/// <summary>
/// Stops connection attempts after repeated failures: open for <see cref="OpenDuration"/>, then half-open,
/// where exactly one probe connection decides between closed (it connected) and open again (it failed).
/// </summary>
public sealed class CircuitBreakerOptions
{
    /// <summary>Consecutive failed connection attempts that open the breaker.</summary>
    public int FailuresToOpen { get; set; } = 5;

    /// <summary>How long an open breaker refuses every attempt before admitting the half-open probe.</summary>
    public TimeSpan OpenDuration { get; set; } = TimeSpan.FromSeconds(60);
}

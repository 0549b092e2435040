namespace K2.Ingestion.Binance.Resilience;

/// <summary>Circuit breaker state; the numeric values are what the <c>breaker_state</c> gauge reports.</summary>
public enum CircuitState
{
    /// <summary>Attempts flow freely.</summary>
    Closed = 0,

    /// <summary>Too many consecutive failures: no attempts until the open period ends.</summary>
    Open = 1,

    /// <summary>The open period ended: one probe attempt decides what comes next.</summary>
    HalfOpen = 2,
}

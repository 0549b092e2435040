using K2.Ingestion.Binance.Configuration;

namespace K2.Ingestion.Binance.Resilience;

/// <summary>
/// Consecutive-failure circuit breaker for connection attempts. Pull-based: callers ask <see cref="TryAcquire"/>
/// before each attempt and report the outcome, so an open breaker costs no timer and no thread.
/// </summary>
internal sealed class CircuitBreaker(CircuitBreakerOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private CircuitState _state = CircuitState.Closed;
    private int _consecutiveFailures;
    private DateTimeOffset _openUntil;
    private bool _probeInFlight;

    /// <summary>Raised after every transition, outside the breaker's lock.</summary>
    public event Action<CircuitState>? StateChanged;

    public CircuitState State
    {
        get
        {
            lock (_gate)
            {
                return _state;
            }
        }
    }

    /// <summary>
    /// True when an attempt may go ahead now. In half-open only the first caller gets through (the probe);
    /// otherwise <paramref name="retryAfter"/> says how long to wait before asking again.
    /// </summary>
    public bool TryAcquire(out TimeSpan retryAfter)
    {
        CircuitState? transition = null;
        bool allowed;
        lock (_gate)
        {
            retryAfter = TimeSpan.Zero;
            if (_state == CircuitState.Open)
            {
                var remaining = _openUntil - time.GetUtcNow();
                if (remaining > TimeSpan.Zero)
                {
                    retryAfter = remaining;
                    return false;
                }

                _state = CircuitState.HalfOpen;
                _probeInFlight = false;
                transition = CircuitState.HalfOpen;
            }

            if (_state == CircuitState.HalfOpen)
            {
                allowed = !_probeInFlight;
                _probeInFlight = true;
                retryAfter = allowed ? TimeSpan.Zero : options.OpenDuration;
            }
            else
            {
                allowed = true;
            }
        }

        Raise(transition);
        return allowed;
    }

    public void RecordSuccess()
    {
        CircuitState? transition = null;
        lock (_gate)
        {
            _consecutiveFailures = 0;
            _probeInFlight = false;
            if (_state != CircuitState.Closed)
            {
                _state = CircuitState.Closed;
                transition = CircuitState.Closed;
            }
        }

        Raise(transition);
    }

    public void RecordFailure()
    {
        CircuitState? transition = null;
        lock (_gate)
        {
            _consecutiveFailures++;
            _probeInFlight = false;
            var shouldOpen = _state == CircuitState.HalfOpen
                || (_state == CircuitState.Closed && _consecutiveFailures >= options.FailuresToOpen);
            if (shouldOpen)
            {
                _state = CircuitState.Open;
                _openUntil = time.GetUtcNow() + options.OpenDuration;
                transition = CircuitState.Open;
            }
        }

        Raise(transition);
    }

    private void Raise(CircuitState? transition)
    {
        if (transition is { } state)
        {
            StateChanged?.Invoke(state);
        }
    }
}

using K2.Ingestion.Binance.Configuration;
using K2.Ingestion.Binance.Resilience;

namespace K2.Ingestion.Tests.Binance.Resilience;

public sealed class CircuitBreakerTests
{
    private static readonly TimeSpan OpenDuration = TimeSpan.FromSeconds(30);
    private readonly ManualClock _clock = new();
    private readonly List<CircuitState> _transitions = [];
    private readonly CircuitBreaker _breaker;

    public CircuitBreakerTests()
    {
        _breaker = new CircuitBreaker(new CircuitBreakerOptions { FailuresToOpen = 3, OpenDuration = OpenDuration }, _clock);
        _breaker.StateChanged += _transitions.Add;
    }

    [Fact]
    public void Stays_closed_until_the_configured_number_of_consecutive_failures()
    {
        Fail(2);
        _breaker.RecordSuccess();
        Fail(2);

        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.True(_breaker.TryAcquire(out _));
        Assert.Empty(_transitions);
    }

    [Fact]
    public void Opens_and_refuses_every_attempt_for_the_open_duration()
    {
        Fail(3);

        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.False(_breaker.TryAcquire(out var wait));
        Assert.Equal(OpenDuration, wait);
        _clock.Advance(OpenDuration - TimeSpan.FromSeconds(1));
        Assert.False(_breaker.TryAcquire(out wait));
        Assert.Equal(TimeSpan.FromSeconds(1), wait);
    }

    [Fact]
    public void After_the_open_duration_admits_exactly_one_probe()
    {
        Fail(3);
        _clock.Advance(OpenDuration);

        Assert.True(_breaker.TryAcquire(out _));
        Assert.Equal(CircuitState.HalfOpen, _breaker.State);
        Assert.False(_breaker.TryAcquire(out _));
    }

    [Fact]
    public void A_successful_probe_closes_the_breaker()
    {
        Fail(3);
        _clock.Advance(OpenDuration);
        _breaker.TryAcquire(out _);

        _breaker.RecordSuccess();

        Assert.Equal(CircuitState.Closed, _breaker.State);
        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen, CircuitState.Closed], _transitions);
        Fail(2);
        Assert.Equal(CircuitState.Closed, _breaker.State);
    }

    [Fact]
    public void A_failed_probe_reopens_for_another_full_period()
    {
        Fail(3);
        _clock.Advance(OpenDuration);
        _breaker.TryAcquire(out _);

        _breaker.RecordFailure();

        Assert.Equal(CircuitState.Open, _breaker.State);
        Assert.False(_breaker.TryAcquire(out var wait));
        Assert.Equal(OpenDuration, wait);
        Assert.Equal([CircuitState.Open, CircuitState.HalfOpen, CircuitState.Open], _transitions);
    }

    private void Fail(int times)
    {
        for (var i = 0; i < times; i++)
        {
            Assert.True(_breaker.TryAcquire(out _));
            _breaker.RecordFailure();
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}

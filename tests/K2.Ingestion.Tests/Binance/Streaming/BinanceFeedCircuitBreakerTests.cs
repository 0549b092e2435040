using K2.Ingestion.Binance.Resilience;
using K2.Testing;
using K2.Testing.Binance;
using Xunit.Abstractions;

namespace K2.Ingestion.Tests.Binance.Streaming;

public sealed class BinanceFeedCircuitBreakerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Breaker_opens_after_consecutive_failures_admits_one_probe_at_a_time_and_closes_on_success()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var trades = server.Tape.Take("BTCUSDT", 2);
        server.RefuseNextConnections(5).EnqueueSession(script => script.SendTrades(trades));

        // One timeline of connection attempts (as the server saw them) and breaker transitions (as the feed made
        // them). Causality orders it: a transition to Open follows the refusal that caused it, and the probe's
        // attempt follows the transition to HalfOpen that admitted it.
        var timeline = new AwaitableLog<string>();
        server.Events.ItemAdded += e =>
        {
            if (e.Kind == FakeServerEventKind.ConnectionAttempted)
            {
                timeline.Add("attempt");
            }
        };

        await using var harness = await FeedHarness.StartAsync(
            output,
            server,
            options =>
            {
                options.CircuitBreaker.FailuresToOpen = 3;
                options.CircuitBreaker.OpenDuration = TimeSpan.FromMilliseconds(300);
            },
            beforeStart: h => h.Feed.BreakerStateChanged += state => timeline.Add(state.ToString()));

        await timeline.WaitAsync(items => items.Contains(nameof(CircuitState.Closed)));
        await harness.Publisher.Trades.WaitForCountAsync(2);

        Assert.Equal(
            [
                "attempt", "attempt", "attempt", "Open",
                "HalfOpen", "attempt", "Open",
                "HalfOpen", "attempt", "Open",
                "HalfOpen", "attempt", "Closed",
            ],
            timeline.Snapshot());
        Assert.Equal(CircuitState.Closed, harness.Feed.BreakerState);
        Assert.Equal((long)CircuitState.Closed, harness.Measurements.Observe("k2.binance.breaker_state"));
        Assert.Equal(5, harness.Measurements.Sum("k2.binance.reconnects", "reason", "connect_failed"));
    }
}

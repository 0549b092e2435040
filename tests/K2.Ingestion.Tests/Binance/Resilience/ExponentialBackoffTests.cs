using K2.Ingestion.Binance.Configuration;
using K2.Ingestion.Binance.Resilience;

namespace K2.Ingestion.Tests.Binance.Resilience;

public sealed class ExponentialBackoffTests
{
    private static readonly ReconnectBackoffOptions Options = new()
    {
        Initial = TimeSpan.FromSeconds(1),
        Max = TimeSpan.FromSeconds(60),
        Jitter = BackoffJitter.None,
    };

    [Fact]
    public void Doubles_from_the_initial_delay_up_to_the_cap_and_stays_there()
    {
        var backoff = new ExponentialBackoff(Options, () => 1.0);

        var delays = Enumerable.Range(0, 10).Select(_ => backoff.NextDelay().TotalSeconds).ToArray();

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60, 60], delays);
    }

    [Fact]
    public void Reset_starts_again_from_the_initial_delay()
    {
        var backoff = new ExponentialBackoff(Options, () => 1.0);
        backoff.NextDelay();
        backoff.NextDelay();

        backoff.Reset();

        Assert.Equal(TimeSpan.FromSeconds(1), backoff.NextDelay());
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(0.999)]
    public void Full_jitter_draws_uniformly_below_the_cap(double draw)
    {
        var backoff = new ExponentialBackoff(new ReconnectBackoffOptions { Initial = Options.Initial, Max = Options.Max, Jitter = BackoffJitter.Full }, () => draw);
        backoff.NextDelay();
        backoff.NextDelay();

        Assert.Equal(TimeSpan.FromTicks((long)(TimeSpan.FromSeconds(4).Ticks * draw)), backoff.NextDelay());
    }

    [Fact]
    public void Never_overflows_however_many_failures()
    {
        var backoff = new ExponentialBackoff(Options, () => 1.0);

        var last = TimeSpan.Zero;
        for (var failure = 0; failure < 10_000; failure++)
        {
            last = backoff.NextDelay();
        }

        Assert.Equal(Options.Max, last);
    }
}

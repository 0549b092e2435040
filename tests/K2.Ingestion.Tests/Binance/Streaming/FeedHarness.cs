using System.Diagnostics.Metrics;
using K2.Ingestion.Binance.Configuration;
using K2.Ingestion.Binance.Diagnostics;
using K2.Ingestion.Binance.Parsing;
using K2.Ingestion.Binance.Streaming;
using K2.Testing;
using K2.Testing.Binance;
using K2.Testing.Logging;
using K2.Testing.Metrics;
using K2.Testing.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace K2.Ingestion.Tests.Binance.Streaming;

/// <summary>
/// A <see cref="BinanceWebSocketFeed"/> wired to fake Binance servers and recording publishers. Defaults keep
/// every resilience mechanism out of the way (long staleness bound and rotation, tiny backoff, a breaker that
/// needs many failures); each test turns on the one it is about.
/// </summary>
internal sealed class FeedHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly ILoggerFactory _logging;

    private FeedHarness(BinanceFeedOptions options, ITestOutputHelper output)
    {
        Options = options;
        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _logging = LoggerFactory.Create(logging => logging.AddProvider(new XunitLoggerProvider(output)).SetMinimumLevel(LogLevel.Debug));
        Metrics = new BinanceFeedMetrics(_services.GetRequiredService<IMeterFactory>());
        Measurements = new MeterCapture(Metrics.Meter);
        Feed = new BinanceWebSocketFeed(
            Microsoft.Extensions.Options.Options.Create(options),
            new BinanceTradeParser(BinanceSymbolResolver.FromOptions(options)),
            Publisher,
            DeadLetters,
            Metrics,
            TimeProvider.System,
            _logging.CreateLogger<BinanceWebSocketFeed>());
    }

    public BinanceFeedOptions Options { get; }

    public BinanceWebSocketFeed Feed { get; }

    public BinanceFeedMetrics Metrics { get; }

    /// <summary>Everything the feed measured, captured from before it started.</summary>
    public MeterCapture Measurements { get; }

    public RecordingMarketDataPublisher Publisher { get; } = new();

    public RecordingDeadLetterPublisher DeadLetters { get; } = new();

    public static async Task<FeedHarness> StartAsync(
        ITestOutputHelper output,
        IEnumerable<FakeBinanceServer> servers,
        Action<BinanceFeedOptions>? configure = null,
        Action<FeedHarness>? beforeStart = null)
    {
        var options = new BinanceFeedOptions
        {
            Symbols = ["BTCUSDT", "ETHUSDT", "BNBUSDT"],
            WebSocketEndpoints = [.. servers.Select(server => server.WebSocketUri)],
            StalenessBound = TestTimeouts.Generous * 2,
            RotationInterval = TimeSpan.FromHours(1),
            ConnectTimeout = TestTimeouts.Generous,
            Reconnect = new ReconnectBackoffOptions { Initial = TimeSpan.FromMilliseconds(10), Max = TimeSpan.FromMilliseconds(50) },
            CircuitBreaker = new CircuitBreakerOptions { FailuresToOpen = 1_000, OpenDuration = TimeSpan.FromSeconds(1) },
        };
        configure?.Invoke(options);
        new BinanceFeedOptionsDefaults().PostConfigure(null, options);
        var validation = new BinanceFeedOptionsValidator().Validate(null, options);
        Assert.True(validation.Succeeded, validation.FailureMessage);

        var harness = new FeedHarness(options, output);
        beforeStart?.Invoke(harness);
        await harness.Feed.StartAsync(CancellationToken.None);
        return harness;
    }

    public static Task<FeedHarness> StartAsync(
        ITestOutputHelper output,
        FakeBinanceServer server,
        Action<BinanceFeedOptions>? configure = null,
        Action<FeedHarness>? beforeStart = null) =>
        StartAsync(output, [server], configure, beforeStart);

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Generous);
        await Feed.StopAsync(timeout.Token);
        Feed.Dispose();
        Measurements.Dispose();
        _logging.Dispose();
        await _services.DisposeAsync();
    }
}

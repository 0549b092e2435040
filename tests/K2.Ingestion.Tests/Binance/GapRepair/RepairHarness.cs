using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using K2.Ingestion.Binance.Configuration;
using K2.Ingestion.Binance.Diagnostics;
using K2.Ingestion.Binance.GapRepair;
using K2.Ingestion.Binance.Parsing;
using K2.Testing.Binance;
using K2.Testing.Logging;
using K2.Testing.Metrics;
using K2.Testing.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace K2.Ingestion.Tests.Binance.GapRepair;

/// <summary>A <see cref="BinanceGapRepairer"/> against the fake server's REST endpoint, publishing into a recorder.</summary>
internal sealed class RepairHarness : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly ILoggerFactory _logging;
    private readonly HttpClient _http;
    private readonly BinanceRestRateLimiter _limiter;

    public RepairHarness(ITestOutputHelper output, FakeBinanceServer server, Action<GapRepairOptions>? configure = null, RateLimiter? limiter = null)
    {
        var options = new BinanceFeedOptions { RestBaseUrl = server.RestUri };

        // Generous by default so only the rate-limit tests meet the bucket.
        options.GapRepair.BucketCapacity = 1_000;
        options.GapRepair.TokensPerPeriod = 1_000;
        options.GapRepair.DefaultRetryAfter = TimeSpan.FromMilliseconds(50);
        configure?.Invoke(options.GapRepair);
        new BinanceFeedOptionsDefaults().PostConfigure(null, options);
        var validation = new BinanceFeedOptionsValidator().Validate(null, options);
        Assert.True(validation.Succeeded, validation.FailureMessage);

        _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        _logging = LoggerFactory.Create(logging => logging.AddProvider(new XunitLoggerProvider(output)).SetMinimumLevel(LogLevel.Debug));
        var metrics = new BinanceFeedMetrics(_services.GetRequiredService<IMeterFactory>());
        Measurements = new MeterCapture(metrics.Meter);
        _http = new HttpClient { BaseAddress = server.RestUri };
        var wrapped = Microsoft.Extensions.Options.Options.Create(options);
        // A limiter passed in stays the test's to dispose; wrapping it here would dispose it twice.
        _limiter = limiter is null ? new BinanceRestRateLimiter(wrapped) : new BinanceRestRateLimiter(limiter);
        Repairer = new BinanceGapRepairer(
            _http, BinanceSymbolResolver.Default, Publisher, _limiter, wrapped, metrics, TimeProvider.System, _logging.CreateLogger<BinanceGapRepairer>());
    }

    public BinanceGapRepairer Repairer { get; }

    public RecordingMarketDataPublisher Publisher { get; } = new();

    public MeterCapture Measurements { get; }

    public void Dispose()
    {
        _limiter.Dispose();
        _http.Dispose();
        Measurements.Dispose();
        _logging.Dispose();
        _services.Dispose();
    }
}

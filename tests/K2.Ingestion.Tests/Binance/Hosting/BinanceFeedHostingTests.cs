using K2.Ingestion.Binance.Configuration;
using K2.Ingestion.Binance.GapRepair;
using K2.Ingestion.Binance.Hosting;
using K2.Ingestion.Binance.Streaming;
using K2.Kafka.Publishing;
using K2.Testing;
using K2.Testing.Binance;
using K2.Testing.Publishing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.Tests.Binance.Hosting;

/// <summary><c>AddBinanceFeed</c> as the ingestion process uses it: configuration in, feed and repairer out.</summary>
public sealed class BinanceFeedHostingTests
{
    [Fact]
    public async Task Configured_feed_streams_and_the_repairer_uses_the_configured_REST_endpoint()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var trades = server.Tape.Take("BTCUSDT", 4);
        server.EnqueueSession(script => script.SendTrades(trades[0], trades[3]));
        var publisher = new RecordingMarketDataPublisher();
        using var host = BuildHost(publisher, new()
        {
            ["K2:Binance:Symbols:0"] = "btcusdt",
            ["K2:Binance:WebSocketEndpoints:0"] = server.WebSocketUri.ToString(),
            ["K2:Binance:RestBaseUrl"] = server.RestUri.ToString(),
        });

        await host.StartAsync();
        await publisher.Trades.WaitForCountAsync(2);
        var repairer = host.Services.GetRequiredService<BinanceGapRepairer>();
        var result = await repairer.RepairAsync("BTCUSDT", trades[1].Id, trades[2].Id, CancellationToken.None);
        await host.StopAsync();

        Assert.Equal(["BTCUSDT"], host.Services.GetRequiredService<IOptions<BinanceFeedOptions>>().Value.Symbols);
        Assert.Equal(GapRepairOutcome.Completed, result.Outcome);
        Assert.Equal(4, publisher.Trades.Count);
        var accepted = Assert.Single(server.Events.Snapshot(), e => e.Kind == FakeServerEventKind.ConnectionAccepted);
        Assert.Equal("?streams=btcusdt@trade", accepted.Detail);
    }

    [Fact]
    public void Without_configuration_the_defaults_point_at_the_real_Binance()
    {
        using var host = BuildHost(new RecordingMarketDataPublisher(), []);

        var options = host.Services.GetRequiredService<IOptions<BinanceFeedOptions>>().Value;

        Assert.True(options.Enabled);
        Assert.Equal(["BTCUSDT", "ETHUSDT", "BNBUSDT"], options.Symbols);
        Assert.Equal([new Uri("wss://stream.binance.com:9443"), new Uri("wss://stream.binance.com:443")], options.WebSocketEndpoints);
        Assert.Equal(new Uri("https://api.binance.com"), options.RestBaseUrl);
        Assert.Equal(TimeSpan.FromHours(23), options.RotationInterval);
        Assert.Contains("FDUSD", options.QuoteAssets);
    }

    [Fact]
    public async Task An_unworkable_configuration_stops_the_host_at_start()
    {
        using var host = BuildHost(new RecordingMarketDataPublisher(), new()
        {
            ["K2:Binance:RotationInterval"] = "1.00:00:00",
            ["K2:Binance:Symbols:0"] = "NOTAQUOTE",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(error.Failures, failure => failure.Contains("RotationInterval", StringComparison.Ordinal));
        Assert.Contains(error.Failures, failure => failure.Contains("NOTAQUOTE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_disabled_feed_stands_down_without_connecting()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        using var host = BuildHost(new RecordingMarketDataPublisher(), new()
        {
            ["K2:Binance:Enabled"] = "false",
            ["K2:Binance:WebSocketEndpoints:0"] = server.WebSocketUri.ToString(),
        });

        await host.StartAsync();
        var feed = host.Services.GetRequiredService<BinanceWebSocketFeed>();
        await feed.ExecuteTask!.WaitAsync(TestTimeouts.Generous);
        await host.StopAsync();

        Assert.True(feed.ExecuteTask.IsCompletedSuccessfully);
        Assert.Empty(server.Events.Snapshot());
    }

    private static IHost BuildHost(RecordingMarketDataPublisher publisher, Dictionary<string, string?> configuration)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(configuration);
        builder.Services.AddSingleton<IMarketDataPublisher>(publisher);
        builder.Services.AddSingleton<IDeadLetterPublisher>(new RecordingDeadLetterPublisher());
        builder.AddBinanceFeed();
        return builder.Build();
    }
}

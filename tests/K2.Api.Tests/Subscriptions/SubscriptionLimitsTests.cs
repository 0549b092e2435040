using Grpc.Core;
using K2.Api.Grpc.V1;
using K2.Api.Subscriptions;
using K2.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace K2.Api.Tests.Subscriptions;

/// <summary>An API with small subscription limits, so each limit can be reached.</summary>
public class SubscriptionLimitsFixture : ApiFixture
{
    public const int MaxSymbols = 2;
    public const int MaxSubscriptions = 2;
    public const int BufferBatches = 4;

    public SubscriptionLimitsFixture()
        : this(TestTimeouts.Generous * 4)
    {
    }

    /// <param name="overflowGrace">How long a stalled client's pending write may wait after an overflow.</param>
    protected SubscriptionLimitsFixture(TimeSpan overflowGrace) => Settings = new Dictionary<string, string>
    {
        [$"{SubscriptionOptions.SectionName}:MaxSymbolsPerSubscription"] = $"{MaxSymbols}",
        [$"{SubscriptionOptions.SectionName}:MaxSubscriptions"] = $"{MaxSubscriptions}",
        [$"{SubscriptionOptions.SectionName}:BufferBatches"] = $"{BufferBatches}",
        [$"{SubscriptionOptions.SectionName}:OverflowGrace"] = overflowGrace.ToString(),
    };

    protected override IReadOnlyDictionary<string, string> Settings { get; }

    protected override Task SeedAsync() => LiveTrades.IngestAsync(Cluster.Client, "LIMITUSDT", 1, 5, 5);
}

/// <summary>Subscription limits answer with clear statuses, and a client that stops reading never holds up ingestion.</summary>
public sealed class SubscriptionLimitsTests(SubscriptionLimitsFixture fixture) : IClassFixture<SubscriptionLimitsFixture>
{
    private TradeFeedHub Hub => fixture.ApiServices.GetRequiredService<TradeFeedHub>();

    [Fact]
    public async Task More_symbols_than_allowed_is_invalid_argument()
    {
        using var channel = fixture.CreateGrpcChannel();

        using var call = new MarketData.MarketDataClient(channel).SubscribeTrades(LiveTrades.Request(null, "BINANCE/LIMITUSDT", "BINANCE/BTCUSDT", "BINANCE/ETHUSDT"));
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("too_many_symbols", refused.Trailers.GetValue("error"));
    }

    [Fact]
    public async Task A_subscription_beyond_the_maximum_is_resource_exhausted_until_one_closes()
    {
        await Poll.UntilAsync(() => Hub.OpenSubscriptions == 0, "earlier tests' subscriptions have closed");
        using var channel = fixture.CreateGrpcChannel();
        var client = new MarketData.MarketDataClient(channel);
        var open = Enumerable.Range(0, SubscriptionLimitsFixture.MaxSubscriptions).Select(_ => client.SubscribeTrades(LiveTrades.Request(1, "BINANCE/LIMITUSDT"))).ToList();
        foreach (var call in open)
        {
            await LiveTrades.NextAsync(call.ResponseStream);
        }

        using (var beyond = client.SubscribeTrades(LiveTrades.Request(1, "BINANCE/LIMITUSDT")))
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => beyond.ResponseStream.MoveNext(CancellationToken.None));
            Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
            Assert.Equal("too_many_subscriptions", refused.Trailers.GetValue("error"));
        }

        open[0].Dispose();
        await Poll.UntilAsync(() => Hub.OpenSubscriptions < SubscriptionLimitsFixture.MaxSubscriptions, "the closed subscription is released");
        using var again = client.SubscribeTrades(LiveTrades.Request(1, "BINANCE/LIMITUSDT"));
        Assert.True((await LiveTrades.NextAsync(again.ResponseStream)).Backfill);
        open[1].Dispose();
    }

    [Fact]
    public async Task A_client_that_stops_reading_is_ended_with_resource_exhausted_and_ingestion_goes_on()
    {
        const string symbol = "SLOWUSDT";
        await LiveTrades.IngestAsync(fixture.Cluster.Client, symbol, 1, 1, 1);
        await Poll.UntilAsync(() => Hub.OpenSubscriptions == 0, "earlier tests' subscriptions have closed");
        using var channel = fixture.CreateGrpcChannel();
        using var stalled = new MarketData.MarketDataClient(channel).SubscribeTrades(LiveTrades.Request(0, $"BINANCE/{symbol}"));
        await LiveTrades.NextAsync(stalled.ResponseStream);

        // The client reads nothing more. Each batch is acknowledged by the grain regardless; once the transport's
        // buffers and the subscription's few buffered batches are full, the subscription overflows.
        using var deadline = new CancellationTokenSource(TestTimeouts.Generous * 4);
        var nextId = await IngestUntilOverflowAsync(symbol, 2, deadline.Token);

        // The client reads again within the grace period: what the transport held comes in order, then the status.
        var delivered = new List<long>();
        var ended = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await stalled.ResponseStream.MoveNext(deadline.Token))
            {
                delivered.AddRange(stalled.ResponseStream.Current.Trades.Select(t => t.PlatformSequence));
            }
        });
        Assert.Equal(StatusCode.ResourceExhausted, ended.StatusCode);
        Assert.Equal("subscriber_too_slow", ended.Trailers.GetValue("error"));
        Assert.Equal(Enumerable.Range(2, delivered.Count).Select(i => (long)i), delivered);

        // Ingestion was never held up and the symbol is still live for a client that reads.
        using var reader = new MarketData.MarketDataClient(channel).SubscribeTrades(LiveTrades.Request(0, $"BINANCE/{symbol}"));
        Assert.Equal(nextId - 1, (await LiveTrades.NextAsync(reader.ResponseStream)).ThroughSequence);
        await LiveTrades.IngestAsync(fixture.Cluster.Client, symbol, nextId, 2, 2);
        Assert.Equal([nextId, nextId + 1], (await LiveTrades.NextAsync(reader.ResponseStream)).Trades.Select(t => t.PlatformSequence));
    }

    private async Task<long> IngestUntilOverflowAsync(string symbol, long nextId, CancellationToken deadline)
    {
        const int batch = 100;
        var overflows = Hub.Overflows;
        while (Hub.Overflows == overflows)
        {
            deadline.ThrowIfCancellationRequested();
            await LiveTrades.IngestAsync(fixture.Cluster.Client, symbol, nextId, batch, batch);
            nextId += batch;
        }

        return nextId;
    }
}

using Grpc.Core;
using K2.Api.Grpc.V1;
using K2.Api.Subscriptions;
using K2.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace K2.Api.Tests.Subscriptions;

/// <summary>
/// gRPC <c>SubscribeTrades</c> against a real silo: the backfill and the live trades that follow it form one
/// contiguous run of platform sequences, even while the grain ingests during the subscribe.
/// </summary>
public sealed class SubscribeTradesTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private TradeFeedHub Hub => fixture.ApiServices.GetRequiredService<TradeFeedHub>();

    [Fact]
    public async Task Backfill_then_live_trades_arrive_in_order_without_gap_or_duplicate_while_ingest_runs()
    {
        const string symbol = "LIVEUSDT";
        await LiveTrades.IngestAsync(fixture.Cluster.Client, symbol, firstId: 1, count: 50, batchSize: 5);
        using var channel = fixture.CreateGrpcChannel();

        // Ingest keeps running through the subscribe: some batches land before the backfill is read, some between
        // the feed joining and the backfill, the rest after.
        var ingest = LiveTrades.IngestAsync(fixture.Cluster.Client, symbol, firstId: 51, count: 500, batchSize: 5);
        using var call = new MarketData.MarketDataClient(channel).SubscribeTrades(LiveTrades.Request(20, $"BINANCE/{symbol}"));
        var backfill = await LiveTrades.NextAsync(call.ResponseStream);
        var live = await LiveTrades.ReadThroughAsync(call.ResponseStream, 550);
        await ingest;

        Assert.True(backfill.Backfill);
        Assert.Equal(("BINANCE", symbol), (backfill.Exchange, backfill.Symbol));
        Assert.Equal(20, backfill.Trades.Count);
        Assert.Equal(backfill.ThroughSequence, backfill.Trades[^1].PlatformSequence);
        Assert.All(live, update => Assert.False(update.Backfill));
        Assert.All(live, update => Assert.Equal(update.ThroughSequence, update.Trades[^1].PlatformSequence));

        var received = backfill.Trades.Concat(live.SelectMany(u => u.Trades)).ToList();
        var first = backfill.Trades[0].PlatformSequence;
        Assert.Equal(Enumerable.Range((int)first, 550 - (int)first + 1).Select(i => (long)i), received.Select(t => t.PlatformSequence));
        Assert.All(received, trade => Assert.Equal($"BINANCE-{trade.PlatformSequence}", trade.TradeId));
    }

    [Fact]
    public async Task Symbols_of_one_call_each_get_a_backfill_first_and_no_backfill_means_none()
    {
        await LiveTrades.IngestAsync(fixture.Cluster.Client, "PAIRAUSDT", 1, 10, 10);
        await LiveTrades.IngestAsync(fixture.Cluster.Client, "PAIRBUSDT", 1, 3, 3);
        using var channel = fixture.CreateGrpcChannel();

        using var call = new MarketData.MarketDataClient(channel).SubscribeTrades(LiveTrades.Request(0, "BINANCE/PAIRAUSDT", "binance/pairbusdt"));
        var a = await LiveTrades.NextAsync(call.ResponseStream);
        var b = await LiveTrades.NextAsync(call.ResponseStream);
        await LiveTrades.IngestAsync(fixture.Cluster.Client, "PAIRBUSDT", 4, 2, 2);
        var live = await LiveTrades.NextAsync(call.ResponseStream);

        Assert.Equal(("PAIRAUSDT", true, 0, 10L), (a.Symbol, a.Backfill, a.Trades.Count, a.ThroughSequence));
        Assert.Equal(("PAIRBUSDT", true, 0, 3L), (b.Symbol, b.Backfill, b.Trades.Count, b.ThroughSequence));
        Assert.Equal(("PAIRBUSDT", false), (live.Symbol, live.Backfill));
        Assert.Equal([4L, 5L], live.Trades.Select(t => t.PlatformSequence));
    }

    [Fact]
    public async Task Clients_of_one_symbol_share_one_grain_subscription_which_ends_with_the_last_client()
    {
        const string symbol = "SHAREUSDT";
        await LiveTrades.IngestAsync(fixture.Cluster.Client, symbol, 1, 4, 4);
        await Poll.UntilAsync(() => Hub.FeedCount == 0, "earlier tests' feeds have stopped");
        using var channel = fixture.CreateGrpcChannel();
        var client = new MarketData.MarketDataClient(channel);

        var calls = Enumerable.Range(0, 3).Select(_ => client.SubscribeTrades(LiveTrades.Request(4, $"BINANCE/{symbol}"))).ToList();
        foreach (var call in calls)
        {
            Assert.Equal(4, (await LiveTrades.NextAsync(call.ResponseStream)).Trades.Count);
        }

        Assert.Equal(1, Hub.FeedCount);
        await LiveTrades.IngestAsync(fixture.Cluster.Client, symbol, 5, 3, 3);
        foreach (var call in calls)
        {
            Assert.Equal([5L, 6L, 7L], (await LiveTrades.NextAsync(call.ResponseStream)).Trades.Select(t => t.PlatformSequence));
        }

        foreach (var call in calls)
        {
            call.Dispose();
        }

        await Poll.UntilAsync(() => Hub.OpenSubscriptions == 0 && Hub.FeedCount == 0, "the subscriptions closed and the shared feed stopped");
    }

    [Theory]
    [InlineData("BTCUSDT", StatusCode.InvalidArgument, "invalid_symbol")]
    [InlineData("BINANCE/BTC'USDT", StatusCode.InvalidArgument, "invalid_symbol")]
    [InlineData("BINANCE/NEVERSEEN", StatusCode.NotFound, "unknown_symbol")]
    public async Task Bad_or_unknown_symbols_end_the_call_with_a_status_and_the_error_code(string symbol, StatusCode status, string error)
    {
        using var channel = fixture.CreateGrpcChannel();

        using var call = new MarketData.MarketDataClient(channel).SubscribeTrades(LiveTrades.Request(null, symbol));
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(status, refused.StatusCode);
        Assert.Equal(error, refused.Trailers.GetValue("error"));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(10_001)]
    public async Task A_backfill_outside_the_limits_is_invalid_argument(int backfill)
    {
        using var channel = fixture.CreateGrpcChannel();

        using var call = new MarketData.MarketDataClient(channel).SubscribeTrades(LiveTrades.Request(backfill, "BINANCE/BTCUSDT"));
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("invalid_backfill", refused.Trailers.GetValue("error"));
    }

    [Fact]
    public async Task No_symbol_is_invalid_argument()
    {
        using var channel = fixture.CreateGrpcChannel();

        using var call = new MarketData.MarketDataClient(channel).SubscribeTrades(new SubscribeTradesRequest());
        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(CancellationToken.None));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }
}

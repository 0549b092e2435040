using Grpc.Core;
using K2.Api.Grpc.V1;
using K2.Api.Subscriptions;
using K2.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace K2.Api.Tests.Subscriptions;

/// <summary>Limits as <see cref="SubscriptionLimitsFixture"/>, with no grace for a client that has stopped reading.</summary>
public sealed class NoOverflowGraceFixture() : SubscriptionLimitsFixture(TimeSpan.Zero);

/// <summary>A client that never reads again cannot be told why (HTTP/2 sends the status after the unread data): its stream is reset and the server lets it go.</summary>
public sealed class StalledSubscriberTests(NoOverflowGraceFixture fixture) : IClassFixture<NoOverflowGraceFixture>
{
    [Fact]
    public async Task A_client_that_never_reads_again_is_reset_and_released_while_ingestion_goes_on()
    {
        const string symbol = "STALLUSDT";
        var hub = fixture.ApiServices.GetRequiredService<TradeFeedHub>();
        await LiveTrades.IngestAsync(fixture.Cluster.Client, symbol, 1, 1, 1);
        using var channel = fixture.CreateGrpcChannel();
        using var stalled = new MarketData.MarketDataClient(channel).SubscribeTrades(LiveTrades.Request(0, $"BINANCE/{symbol}"));
        await LiveTrades.NextAsync(stalled.ResponseStream);

        var nextId = 2L;
        using var deadline = new CancellationTokenSource(TestTimeouts.Generous * 4);
        while (hub.OpenSubscriptions > 0)
        {
            deadline.Token.ThrowIfCancellationRequested();
            await LiveTrades.IngestAsync(fixture.Cluster.Client, symbol, nextId, 100, 100);
            nextId += 100;
        }

        Assert.Equal(1, hub.Overflows);
        await Poll.UntilAsync(() => hub.FeedCount == 0, "the symbol's grain subscription was dropped with its last client");
        await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await stalled.ResponseStream.MoveNext(deadline.Token))
            {
            }
        });
    }
}

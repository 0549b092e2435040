using Grpc.Core;
using Grpc.Net.Client;
using K2.Api.Grpc.V1;
using K2.Api.Subscriptions;
using K2.Api.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace K2.Api.Tests.Subscriptions;

/// <summary>An API whose subscription renewals run on a clock the test moves, and that re-reads at most 50 missed trades.</summary>
public sealed class RenewalClockFixture : ApiFixture
{
    public const int MaxBackfill = 50;
    public static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(30);

    public FakeTimeProvider Clock { get; } = new();

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        [$"{SubscriptionOptions.SectionName}:MaxBackfill"] = $"{MaxBackfill}",
        [$"{SubscriptionOptions.SectionName}:DefaultBackfill"] = "10",
        [$"{SubscriptionOptions.SectionName}:RenewInterval"] = RenewInterval.ToString(),
    };

    protected override void ConfigureApiServices(IServiceCollection services) =>
        services.AddKeyedSingleton<TimeProvider>(SubscriptionOptions.ClockKey, Clock);
}

/// <summary>
/// Notifications are best effort. When the symbol grain is re-activated it forgets its observers, and the trades it
/// accepts before the next renewal are never notified: the renewal reveals them (the grain is ahead), and the
/// subscription reads them from the grain's window, or ends with ABORTED when the window no longer holds them.
/// </summary>
public sealed class LostNotificationTests(RenewalClockFixture fixture) : IClassFixture<RenewalClockFixture>
{
    [Fact]
    public async Task Trades_missed_across_a_grain_reactivation_are_caught_up_at_the_next_renewal()
    {
        const string symbol = "REACTUSDT";
        using var channel = fixture.CreateGrpcChannel();
        using var call = await SubscribeAfterFiveTradesAsync(channel, symbol);

        await DeactivateAsync(symbol);
        await LiveTrades.IngestAsync(fixture.Cluster.Client, symbol, 6, 10, 5);
        fixture.Clock.Advance(RenewalClockFixture.RenewInterval);
        var live = await LiveTrades.ReadThroughAsync(call.ResponseStream, 15);

        Assert.All(live, update => Assert.False(update.Backfill));
        Assert.Equal(Enumerable.Range(6, 10).Select(i => (long)i), live.SelectMany(u => u.Trades).Select(t => t.PlatformSequence));

        // Renewed, the grain notifies the subscription again.
        await LiveTrades.IngestAsync(fixture.Cluster.Client, symbol, 16, 2, 2);
        Assert.Equal([16L, 17L], (await LiveTrades.NextAsync(call.ResponseStream)).Trades.Select(t => t.PlatformSequence));
    }

    [Fact]
    public async Task More_missed_trades_than_can_be_reread_end_the_stream_with_aborted_never_a_silent_hole()
    {
        const string symbol = "HOLEUSDT";
        using var channel = fixture.CreateGrpcChannel();
        using var call = await SubscribeAfterFiveTradesAsync(channel, symbol);

        await DeactivateAsync(symbol);
        await LiveTrades.IngestAsync(fixture.Cluster.Client, symbol, 6, RenewalClockFixture.MaxBackfill + 10, 10);
        fixture.Clock.Advance(RenewalClockFixture.RenewInterval);
        var ended = await Assert.ThrowsAsync<RpcException>(() => LiveTrades.NextAsync(call.ResponseStream));

        Assert.Equal(StatusCode.Aborted, ended.StatusCode);
        Assert.Equal("subscription_gap", ended.Trailers.GetValue("error"));
        Assert.Contains("after platform sequence 5", ended.Status.Detail, StringComparison.Ordinal);
    }

    private async Task<AsyncServerStreamingCall<TradeUpdate>> SubscribeAfterFiveTradesAsync(GrpcChannel channel, string symbol)
    {
        await LiveTrades.IngestAsync(fixture.Cluster.Client, symbol, 1, 5, 5);
        var call = new MarketData.MarketDataClient(channel).SubscribeTrades(LiveTrades.Request(5, $"BINANCE/{symbol}"));
        Assert.Equal(5, (await LiveTrades.NextAsync(call.ResponseStream)).ThroughSequence);
        return call;
    }

    /// <summary>Deactivates the symbol grain; its next call activates a fresh one from persisted state, with no observers.</summary>
    private Task DeactivateAsync(string symbol) => fixture.Cluster.DeactivateSymbolAsync($"BINANCE/{symbol}");
}

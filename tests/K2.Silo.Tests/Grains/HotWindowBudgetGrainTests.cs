using K2.Contracts.Grains;
using K2.Silo.Grains;
using K2.Silo.HotWindow;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using static K2.Silo.Tests.Grains.LogBatches;

namespace K2.Silo.Tests.Grains;

/// <summary>
/// Symbol grains in one silo share <c>K2:HotWindow:MaxSiloTrades</c> (here 20): a grain alone keeps 20 flushed trades,
/// two keep 10 each, and a deactivated grain hands its share back.
/// </summary>
public sealed class HotWindowBudgetGrainTests(HotWindowBudgetGrainTests.Cluster fixture) : IClassFixture<HotWindowBudgetGrainTests.Cluster>
{
    private const int SiloBound = 20;

    private static string UniqueSymbol() => $"HB{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    private ISymbolGrain Grain(string symbol) => fixture.Client.GetGrain<ISymbolGrain>(new SymbolKey("BINANCE", symbol).ToString());

    [Fact]
    public async Task Grains_share_the_silos_bound_on_flushed_trades_and_hand_it_back_when_deactivated()
    {
        var (busy, quiet) = (UniqueSymbol(), UniqueSymbol());
        await FlushedAsync(busy, fromOffset: 0, count: 30);

        Assert.Equal(SiloBound, (await Grain(busy).GetRecentTradesAsync(100)).Count);
        Assert.Equal(1, fixture.Budget.Windows);

        await FlushedAsync(quiet, fromOffset: 0, count: 1);
        await FlushedAsync(busy, fromOffset: 30, count: 1);

        var kept = await Grain(busy).GetRecentTradesAsync(100);
        Assert.Equal(SiloBound / 2, kept.Count);
        Assert.Equal("BINANCE-31", kept[0].TradeId);

        // What the window let go is flushed: the symbol's state still knows every trade.
        Assert.Equal(31, (await Grain(busy).GetIntegrityAsync()).LastSequence);

        await fixture.DeactivateAllAsync();
        Assert.Equal(0, fixture.Budget.Windows);
    }

    /// <summary><paramref name="count"/> trades at consecutive offsets of partition 0, cut, persisted and confirmed as a flush.</summary>
    private async Task FlushedAsync(string symbol, long fromOffset, int count)
    {
        var grain = Grain(symbol);
        var trades = Enumerable.Range(0, count).Select(i => (TradeId: fromOffset + i + 1, Offset: fromOffset + i)).ToArray();
        var batch = FromLog(symbol, 0, runStart: 0, previous: fromOffset == 0 ? null : fromOffset - 1, trades);
        Assert.Equal(count, (await grain.IngestAsync(batch)).Accepted);
        var through = fromOffset + count;
        Assert.True((await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, fromOffset, through, through - 1))).IsPrepared);
        await grain.ConfirmFlushAsync(new FlushConfirmation(Log, Topic, 0, through, SnapshotId: through));
    }

    public sealed class Cluster() : OneSiloCluster("hot-budget")
    {
        /// <summary>The silo's budget for trade windows.</summary>
        public HotWindowBudget Budget => SiloServices.GetRequiredService<SymbolGrainServices>().Trades.HotWindow;

        protected override void Configure(TestClusterBuilder builder) =>
            builder.Properties["K2:HotWindow:MaxSiloTrades"] = SiloBound.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}

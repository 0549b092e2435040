using K2.Contracts.Grains;
using K2.Testing;
using K2.Testing.Clusters;
using K2.Testing.Postgres;

namespace K2.Silo.Tests.Grains;

public sealed class SymbolGrainRestartTests
{
    [Fact]
    public async Task After_a_full_cluster_restart_a_symbol_gives_the_same_integrity_answers()
    {
        await using var database = await TestDatabase.CreateAsync();
        var identity = "k2-grain-restart-" + Guid.NewGuid().ToString("N")[..8];
        var key = new SymbolKey("BINANCE", "BTCUSDT").ToString();
        IntegritySummary before;

        await using (var first = PostgresTestCluster.Build(database, silos: 1, identity, identity))
        {
            await first.DeployAsync();
            var grain = first.Client.GetGrain<ISymbolGrain>(key);
            await grain.IngestAsync(new TradeBatch([.. new long[] { 1, 2, 6, 4, 10 }.Select(id => Trades.Binance(id))]));
            before = await grain.GetIntegrityAsync();
            await first.StopAllSilosAsync();
        }

        await using var second = PostgresTestCluster.Build(database, silos: 1, identity, identity);
        await second.DeployAsync();
        var restarted = second.Client.GetGrain<ISymbolGrain>(key);

        var after = await restarted.GetIntegrityAsync();
        Assert.Equal(before with { OpenGaps = [] }, after with { OpenGaps = [] });
        Assert.Equal(before.OpenGaps, after.OpenGaps);
        Assert.Equal([(3L, 3L), (5L, 5L), (7L, 9L)], after.OpenGaps.Select(gap => (gap.From, gap.To)));

        // The reloaded state keeps classifying: a replay is still a duplicate, a missing id still fills its gap.
        var replay = await restarted.IngestAsync(new TradeBatch([Trades.Binance(6), Trades.Binance(6) with { MessageId = Guid.NewGuid() }, Trades.Binance(5)]));
        Assert.Equal(1, replay.DuplicatesByMessageId);
        Assert.Equal(1, replay.DuplicatesBySequence);
        Assert.Equal(1, replay.Late);
        Assert.Equal([(3L, 3L), (7L, 9L)], (await restarted.GetIntegrityAsync()).OpenGaps.Select(gap => (gap.From, gap.To)));
    }
}

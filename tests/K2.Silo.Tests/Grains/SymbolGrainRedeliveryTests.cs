using K2.Contracts.Grains;
using K2.Silo.Tests.Persistence;
using K2.Testing;

namespace K2.Silo.Tests.Grains;

/// <summary>Kafka may redeliver a batch the grain already applied (consumer crash before the commit).</summary>
[Collection(TwoSiloClusterCollection.Name)]
public sealed class SymbolGrainRedeliveryTests(TwoSiloClusterFixture fixture)
{
    private const string Topic = "market.crypto.trades.binance";

    private static string UniqueSymbol() => $"RD{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    private static TradeBatch FromLog(string symbol, int partition, params (long TradeId, long Offset)[] trades) =>
        TradeBatch.FromLog(
            Topic,
            [.. trades.Select(t => Trades.Binance(t.TradeId, symbol: symbol))],
            [.. trades.Select(t => new TradePosition(partition, t.Offset))]);

    [Fact]
    public async Task A_redelivered_batch_is_reported_as_already_applied_and_moves_no_counter()
    {
        var symbol = UniqueSymbol();
        var grain = fixture.Cluster.Client.GetGrain<ISymbolGrain>(new SymbolKey("BINANCE", symbol).ToString());
        await grain.IngestAsync(FromLog(symbol, 3, (1, 10), (2, 11), (5, 12)));
        var before = await grain.GetIntegrityAsync();

        var replay = await grain.IngestAsync(FromLog(symbol, 3, (1, 10), (2, 11), (5, 12)));

        Assert.Equal(new IngestResult { AlreadyApplied = 3 }, replay with { NewGaps = [], Rejections = [] });
        Assert.Empty(replay.NewGaps);
        Assert.Equal(before with { OpenGaps = [], LastIngestAt = null }, (await grain.GetIntegrityAsync()) with { OpenGaps = [], LastIngestAt = null });
    }

    [Fact]
    public async Task A_batch_overlapping_the_applied_offset_classifies_only_the_new_part()
    {
        var symbol = UniqueSymbol();
        var grain = fixture.Cluster.Client.GetGrain<ISymbolGrain>(new SymbolKey("BINANCE", symbol).ToString());
        await grain.IngestAsync(FromLog(symbol, 0, (1, 0), (2, 1)));

        // Offsets 0 and 1 again, then two new ones; trade 3 fills nothing and 4 is next in sequence.
        var overlap = await grain.IngestAsync(FromLog(symbol, 0, (1, 0), (2, 1), (3, 2), (4, 3)));

        Assert.Equal(2, overlap.AlreadyApplied);
        Assert.Equal(2, overlap.Accepted);
        Assert.Equal(0, overlap.Duplicates);
        var summary = await grain.GetIntegrityAsync();
        Assert.Equal((4L, 0L, 0L), (summary.Accepted, summary.DuplicatesByMessageId + summary.DuplicatesBySequence, summary.GapsDetected));
    }

    [Fact]
    public async Task The_same_trade_at_a_new_offset_is_still_a_duplicate()
    {
        // A producer retry or a feed replay writes the trade again at a new offset: that is a real duplicate.
        var symbol = UniqueSymbol();
        var grain = fixture.Cluster.Client.GetGrain<ISymbolGrain>(new SymbolKey("BINANCE", symbol).ToString());
        await grain.IngestAsync(FromLog(symbol, 1, (7, 100)));

        var again = await grain.IngestAsync(FromLog(symbol, 1, (7, 101)));

        Assert.Equal((0, 1, 0), (again.AlreadyApplied, again.DuplicatesByMessageId, again.Accepted));
    }

    [Fact]
    public async Task Offsets_are_tracked_per_partition()
    {
        var symbol = UniqueSymbol();
        var grain = fixture.Cluster.Client.GetGrain<ISymbolGrain>(new SymbolKey("BINANCE", symbol).ToString());
        await grain.IngestAsync(FromLog(symbol, 0, (1, 50)));

        // Offset 5 of another partition is below 50 but was never applied.
        var other = await grain.IngestAsync(FromLog(symbol, 1, (2, 5)));

        Assert.Equal((0, 1), (other.AlreadyApplied, other.Accepted));
    }

    [Fact]
    public async Task A_batch_with_positions_must_have_one_per_trade()
    {
        var grain = fixture.Cluster.Client.GetGrain<ISymbolGrain>(new SymbolKey("BINANCE", UniqueSymbol()).ToString());
        var malformed = new TradeBatch([Trades.Binance(1), Trades.Binance(2)]) { Topic = Topic, Positions = [new TradePosition(0, 1)] };

        await Assert.ThrowsAsync<ArgumentException>(() => grain.IngestAsync(malformed).AsTask());
        Assert.Throws<ArgumentException>(() => TradeBatch.FromLog(Topic, [Trades.Binance(1)], []));
    }
}

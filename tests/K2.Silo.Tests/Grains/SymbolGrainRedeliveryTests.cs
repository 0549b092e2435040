using K2.Contracts.Grains;
using K2.Silo.Tests.Persistence;
using K2.Testing;

namespace K2.Silo.Tests.Grains;

/// <summary>
/// The grain's half of exactly-once: a consumer replaying from the lakehouse's offsets (after a crash, a rebalance or
/// a fenced flush) rolls the grain back to its checkpoint there and gets the same verdicts again; a consumer and grain
/// that disagree on where a partition stands find out before anything is applied.
/// </summary>
[Collection(TwoSiloClusterCollection.Name)]
public sealed class SymbolGrainRedeliveryTests(TwoSiloClusterFixture fixture)
{
    private const string Topic = "market.crypto.trades.binance";
    private const string Log = "log-a";

    private static string UniqueSymbol() => $"RD{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    private static TradeBatch FromLog(string symbol, int partition, long runStart, long? previous, params (long TradeId, long Offset)[] trades) =>
        TradeBatch.FromLog(
            Topic,
            [.. trades.Select(t => Trades.Binance(t.TradeId, symbol: symbol))],
            [.. trades.Select(t => new TradePosition(partition, t.Offset))]) with
        {
            LogCluster = Log,
            RunStartOffset = runStart,
            PreviousOffset = previous,
        };

    private ISymbolGrain Grain(string symbol) => fixture.Cluster.Client.GetGrain<ISymbolGrain>(new SymbolKey("BINANCE", symbol).ToString());

    [Fact]
    public async Task A_replay_from_the_run_start_gets_the_same_verdicts_and_moves_no_counter()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        var first = await grain.IngestAsync(FromLog(symbol, 3, 10, null, (1, 10), (2, 11), (5, 12)));
        var before = await grain.GetIntegrityAsync();

        var replay = await grain.IngestAsync(FromLog(symbol, 3, 10, null, (1, 10), (2, 11), (5, 12)));

        Assert.Equal((3, 0, 1), (replay.Accepted, replay.AlreadyApplied, replay.NewGaps.Count));
        Assert.Equal(first.PlatformSequences, replay.PlatformSequences);
        Assert.Equal(before with { LastIngestAt = null, OpenGaps = [] }, (await grain.GetIntegrityAsync()) with { LastIngestAt = null, OpenGaps = [] });
        Assert.Equal(3, (await grain.GetHotTradesAsync()).Trades.Count);
    }

    [Fact]
    public async Task A_batch_that_does_not_follow_the_previous_one_is_refused_without_applying_anything()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        await grain.IngestAsync(FromLog(symbol, 0, 0, null, (1, 0), (2, 1)));

        var skewed = await grain.IngestAsync(FromLog(symbol, 0, 0, previous: 0, (3, 2)));
        var following = await grain.IngestAsync(FromLog(symbol, 0, 0, previous: 1, (3, 2)));

        Assert.NotNull(skewed.ResyncReason);
        Assert.Equal(0, skewed.Accepted);
        Assert.Null(following.ResyncReason);
        Assert.Equal(3L, (await grain.GetIntegrityAsync()).Accepted);
    }

    [Fact]
    public async Task A_replay_from_a_prepared_flush_or_from_its_base_each_meets_the_matching_state()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        await grain.IngestAsync(FromLog(symbol, 0, 0, null, (1, 0), (2, 1)));
        await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, BaseOffset: 0, ThroughOffset: 2));
        await grain.IngestAsync(FromLog(symbol, 0, 0, previous: 1, (3, 2), (4, 3)));

        // The flush committed (table at 2): the replay of offsets 2.. is classified as the first time.
        var fromPrepared = await grain.IngestAsync(FromLog(symbol, 0, 2, null, (3, 2), (4, 3)));
        Assert.Equal((2, 0), (fromPrepared.Accepted, fromPrepared.Duplicates));
        Assert.Equal(4L, (await grain.GetIntegrityAsync()).Accepted);

        // The flush did not commit (table at 0): everything is replayed and classified once more, not twice.
        var fromBase = await grain.IngestAsync(FromLog(symbol, 0, 0, null, (1, 0), (2, 1), (3, 2), (4, 3)));
        Assert.Equal((4, 0), (fromBase.Accepted, fromBase.Duplicates));
        var summary = await grain.GetIntegrityAsync();
        Assert.Equal((4L, 0L, 4L), (summary.Accepted, summary.DuplicatesBySequence, summary.LastSequence ?? 0));
    }

    [Fact]
    public async Task A_prepared_checkpoint_survives_deactivation_and_unprepared_verdicts_are_asked_for_again()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        await grain.IngestAsync(FromLog(symbol, 0, 0, null, (1, 0), (2, 1)));
        await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, 0, 2));
        await grain.IngestAsync(FromLog(symbol, 0, 0, previous: 1, (3, 2)));

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // Offset 2's verdict was never persisted: the grain cannot continue from it and says so.
        var continued = await grain.IngestAsync(FromLog(symbol, 0, 0, previous: 2, (4, 3)));
        Assert.NotNull(continued.ResyncReason);

        // Re-read from the table's offset (2): the checkpoint there is the persisted state.
        var replay = await grain.IngestAsync(FromLog(symbol, 0, 2, null, (3, 2), (4, 3)));
        Assert.Equal((2, 0, 0), (replay.Accepted, replay.Duplicates, replay.NewGaps.Count));
        Assert.Equal(4L, (await grain.GetIntegrityAsync()).Accepted);
    }

    [Fact]
    public async Task A_reactivated_grain_refuses_to_checkpoint_verdicts_it_no_longer_holds()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        await grain.IngestAsync(FromLog(symbol, 0, 0, null, (1, 0), (2, 1)));
        await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, 0, 2, LastSentOffset: 1));
        await grain.IngestAsync(FromLog(symbol, 0, 0, previous: 1, (3, 2), (4, 3)));

        // Found by the chaos suite (PostgreSQL outage): the activation holding offsets 2..3 is gone before the flush.
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The consumer's buffer holds those verdicts; the new activation stands at offset 1 and must not checkpoint
        // its older state at offset 4, or the table would hold trades 3 and 4 while the grain never counted them.
        await Assert.ThrowsAsync<InvalidOperationException>(() => grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, 2, 4, LastSentOffset: 3)).AsTask());

        // Re-read from the table's offset (2): the same verdicts again, and the counters match the table.
        var replay = await grain.IngestAsync(FromLog(symbol, 0, 2, null, (3, 2), (4, 3)));
        Assert.Equal((2, 0, 0), (replay.Accepted, replay.Duplicates, replay.NewGaps.Count));
        await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, 2, 4, LastSentOffset: 3));
        Assert.Equal(4L, (await grain.GetIntegrityAsync()).Accepted);
    }

    [Fact]
    public async Task A_confirmed_flush_moves_the_hot_watermark_to_the_checkpoint()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        await grain.IngestAsync(FromLog(symbol, 0, 0, null, (1, 0), (2, 1)));
        await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, 0, 2));
        await grain.IngestAsync(FromLog(symbol, 0, 0, previous: 1, (3, 2)));

        var beforeConfirm = await grain.GetHotTradesAsync();
        await grain.ConfirmFlushAsync(new FlushConfirmation(Log, Topic, 0, 2, SnapshotId: 77));
        var afterConfirm = await grain.GetHotTradesAsync();

        Assert.Equal((0L, 3), (beforeConfirm.FlushedThroughSequence, beforeConfirm.Trades.Count));
        Assert.Equal((2L, 77L), (afterConfirm.FlushedThroughSequence, afterConfirm.FlushedSnapshotId ?? 0));
        Assert.Equal([3L], afterConfirm.Trades.Select(trade => trade.PlatformSequence ?? 0));
    }

    [Fact]
    public async Task The_same_trade_at_a_new_offset_is_still_a_duplicate()
    {
        // A producer retry or a feed replay writes the trade again at a new offset: that is a real duplicate.
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        await grain.IngestAsync(FromLog(symbol, 1, 100, null, (7, 100)));

        var again = await grain.IngestAsync(FromLog(symbol, 1, 100, previous: 100, (7, 101)));

        Assert.Equal((0, 1, 0), (again.AlreadyApplied, again.DuplicatesByMessageId, again.Accepted));
        Assert.Equal([0L], again.PlatformSequences);
    }

    [Fact]
    public async Task Offsets_are_kept_per_partition_and_per_kafka_log()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        await grain.IngestAsync(FromLog(symbol, 0, 50, null, (1, 50)));

        // Offset 5 of another partition, or of a recreated broker, is below 50 but was never applied.
        var otherPartition = await grain.IngestAsync(FromLog(symbol, 1, 5, null, (2, 5)));
        var otherLog = await grain.IngestAsync(FromLog(symbol, 0, 5, null, (3, 5)) with { LogCluster = "log-b" });

        Assert.Equal((0, 1), (otherPartition.AlreadyApplied, otherPartition.Accepted));
        Assert.Equal((0, 1), (otherLog.AlreadyApplied, otherLog.Accepted));
    }

    [Fact]
    public async Task A_batch_with_positions_must_have_one_per_trade_and_one_partition()
    {
        var grain = Grain(UniqueSymbol());
        var malformed = new TradeBatch([Trades.Binance(1), Trades.Binance(2)]) { Topic = Topic, Positions = [new TradePosition(0, 1)] };
        var twoPartitions = new TradeBatch([Trades.Binance(1), Trades.Binance(2)]) { Topic = Topic, Positions = [new TradePosition(0, 1), new TradePosition(1, 1)] };

        await Assert.ThrowsAsync<ArgumentException>(() => grain.IngestAsync(malformed).AsTask());
        await Assert.ThrowsAsync<ArgumentException>(() => grain.IngestAsync(twoPartitions).AsTask());
        Assert.Throws<ArgumentException>(() => TradeBatch.FromLog(Topic, [Trades.Binance(1)], []));
    }
}

using K2.Contracts.Grains;
using K2.Silo.Tests.Persistence;
using K2.Testing;
using static K2.Silo.Tests.Grains.LogBatches;

namespace K2.Silo.Tests.Grains;

/// <summary>
/// The grain's half of exactly-once: a consumer replaying from the lakehouse's offsets (after a crash, a rebalance or
/// a fenced flush) rolls the grain back to its checkpoint there and gets the same verdicts again; a consumer and grain
/// that disagree on where a partition stands find out before anything is applied.
/// </summary>
[Collection(TwoSiloClusterCollection.Name)]
public sealed class SymbolGrainRedeliveryTests(TwoSiloClusterFixture fixture)
{
    private static string UniqueSymbol() => $"RD{Guid.NewGuid():N}"[..20].ToUpperInvariant();

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
        await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, BaseOffset: 0, ThroughOffset: 2, LastOffset: 1));
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
        await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, 0, 2, 1));
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
    public async Task A_base_checkpoint_stored_as_a_ring_delta_is_restored_after_a_crash_between_prepare_and_commit()
    {
        // 3,000 trades flushed, then trade 1 again (a feed's resend) and 1,999 new ones prepared but never committed:
        // the 4,096-id ring has wrapped, so the base checkpoint's ring (stored as its difference from the live ring)
        // differs from the live one in most slots.
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        (long, long)[] flushed = [.. Enumerable.Range(1, 3_000).Select(id => ((long)id, id - 1L))];
        (long, long)[] unflushed = [(1, 3_000), .. Enumerable.Range(3_001, 1_999).Select(id => ((long)id, (long)id))];
        await grain.IngestAsync(FromLog(symbol, 0, 0, null, flushed));
        Assert.True((await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, 0, 3_000, 2_999))).IsPrepared);
        var first = await grain.IngestAsync(FromLog(symbol, 0, 0, previous: 2_999, unflushed));
        Assert.True((await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, 3_000, 5_000, 4_999))).IsPrepared);

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The table stayed at 3,000: the replay meets the base's ring — none of the unflushed ids (else they would be
        // duplicates), and trade 1's (else its resend would be a duplicate by sequence, not by message id).
        var replay = await grain.IngestAsync(FromLog(symbol, 0, 3_000, null, unflushed));

        Assert.Equal((1_999, 1, 0), (first.Accepted, first.DuplicatesByMessageId, first.DuplicatesBySequence));
        Assert.Equal((1_999, 1, 0), (replay.Accepted, replay.DuplicatesByMessageId, replay.DuplicatesBySequence));
        Assert.Equal(first.PlatformSequences, replay.PlatformSequences);
        var summary = await grain.GetIntegrityAsync();
        Assert.Equal((4_999L, 1L, 0L), (summary.Accepted, summary.DuplicatesByMessageId, summary.DuplicatesBySequence));
    }

    [Fact]
    public async Task A_grain_that_lost_what_it_was_sent_refuses_the_flush_checkpoint_and_keeps_its_persisted_state()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        await grain.IngestAsync(FromLog(symbol, 0, 0, null, (1, 0), (2, 1)));
        Assert.True((await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, 0, 2, 1))).IsPrepared);
        await grain.IngestAsync(FromLog(symbol, 0, 0, previous: 1, (3, 2), (4, 3)));

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The consumer still buffers trades 3 and 4 for the table; the re-activated grain only holds 1 and 2.
        var preparation = await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, 2, 4, 3));
        Assert.False(preparation.IsPrepared);
        Assert.Contains("through 3", preparation.RefusedReason, StringComparison.Ordinal);

        // Nothing was persisted at 4: a replay from the table's offset (2) is classified as the first pass was.
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var replay = await grain.IngestAsync(FromLog(symbol, 0, 2, null, (3, 2), (4, 3)));
        Assert.Equal((2, 0), (replay.Accepted, replay.Duplicates));
        Assert.True((await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, 2, 4, 3))).IsPrepared);
        Assert.Equal((4L, 4L), ((await grain.GetIntegrityAsync()).Accepted, (await grain.GetIntegrityAsync()).LastSequence ?? 0));
    }

    [Fact]
    public async Task A_cut_persisted_after_later_batches_stores_the_state_at_the_cut_not_the_live_one()
    {
        // The consumer cuts at offset 2, hands the grain offsets 2 and 3 (the next flush's), then the background commit
        // persists the cut.
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        var checkpoint = new FlushCheckpoint(Log, Topic, 0, BaseOffset: 0, ThroughOffset: 2, LastOffset: 1);
        await grain.IngestAsync(FromLog(symbol, 0, 0, null, (1, 0), (2, 1)));
        Assert.True((await grain.CutFlushAsync(checkpoint)).IsPrepared);
        var later = await grain.IngestAsync(FromLog(symbol, 0, 0, previous: 1, (3, 2), (4, 3)));
        Assert.True((await grain.PersistFlushAsync(checkpoint)).IsPrepared);
        Assert.Equal(4L, (await grain.GetIntegrityAsync()).Accepted);

        // Lost before the next flush: storage holds the grain as it was at the cut, so a consumer going on from offset
        // 3 is told to re-read, and the re-read from the table's offset (2) is classified as the first pass was.
        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        var continued = await grain.IngestAsync(FromLog(symbol, 0, 0, previous: 3, (5, 4)));
        Assert.NotNull(continued.ResyncReason);
        Assert.Equal(2L, (await grain.GetIntegrityAsync()).Accepted);
        var replay = await grain.IngestAsync(FromLog(symbol, 0, 2, null, (3, 2), (4, 3)));
        Assert.Equal((2, 0, 0), (replay.Accepted, replay.Duplicates, replay.AlreadyApplied));
        Assert.Equal(later.PlatformSequences, replay.PlatformSequences);
    }

    [Fact]
    public async Task A_cut_lost_with_its_activation_is_not_persisted_and_the_replay_meets_the_base()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        var checkpoint = new FlushCheckpoint(Log, Topic, 0, BaseOffset: 0, ThroughOffset: 2, LastOffset: 1);
        await grain.IngestAsync(FromLog(symbol, 0, 0, null, (1, 0), (2, 1)));
        Assert.True((await grain.CutFlushAsync(checkpoint)).IsPrepared);

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

        // The flush must not commit: the refusal is what fences it.
        var persisted = await grain.PersistFlushAsync(checkpoint);
        Assert.False(persisted.IsPrepared);
        Assert.Contains("offset 2", persisted.RefusedReason, StringComparison.Ordinal);
        var replay = await grain.IngestAsync(FromLog(symbol, 0, 0, null, (1, 0), (2, 1)));
        Assert.Equal((2, 0, 0), (replay.Accepted, replay.Duplicates, replay.AlreadyApplied));
        Assert.Equal(2L, (await grain.GetIntegrityAsync()).Accepted);
    }

    [Fact]
    public async Task A_confirmed_flush_moves_the_hot_watermark_to_the_checkpoint()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        await grain.IngestAsync(FromLog(symbol, 0, 0, null, (1, 0), (2, 1)));
        await grain.PrepareFlushAsync(new FlushCheckpoint(Log, Topic, 0, 0, 2, 1));
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

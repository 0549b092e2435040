using K2.Contracts.Grains;
using K2.Silo.Persistence;
using K2.Silo.Tests.Flush;
using K2.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace K2.Silo.Tests.Grains;

/// <summary>
/// A long message-id ring stored as a base row plus the ids added since (MessageIdRingBases), against PostgreSQL: what
/// the rows hold, that the ring reads back whole, that a write lost between the base and the main state leaves the
/// stored state on the base it names, that an activation behind the stored state writes no base, and that a lost
/// base row degrades the ring instead of the symbol.
/// </summary>
public sealed class MessageIdRingBaseTests(MessageIdRingBaseTests.Cluster fixture) : IClassFixture<MessageIdRingBaseTests.Cluster>
{
    // The defaults: rings of 1,024 ids or more are stored against a base, with at most 1,024 ids added since; a log's
    // first write is whole, and a base is written from the second on for rings moving at most 512 ids a write.
    private const int FirstBatch = 1_100;
    private const int SmallBatch = 100;

    private static string UniqueSymbol() => $"RB{Guid.NewGuid():N}"[..20].ToUpperInvariant();

    private ISymbolGrain Grain(string symbol) => fixture.Client.GetGrain<ISymbolGrain>(new SymbolKey("BINANCE", symbol).ToString());

    /// <summary>The symbol's grain after a first batch of <see cref="FirstBatch"/> trades and then batches of <see cref="SmallBatch"/>.</summary>
    private async Task<ISymbolGrain> FedAsync(string symbol, int smallBatches)
    {
        var grain = Grain(symbol);
        await grain.IngestAsync(Direct(symbol, 1, FirstBatch));
        for (var batch = 0; batch < smallBatches; batch++)
        {
            await grain.IngestAsync(Direct(symbol, FirstBatch + 1 + (batch * SmallBatch), SmallBatch));
        }

        return grain;
    }

    private static TradeBatch Direct(string symbol, long from, int count) =>
        new([.. Enumerable.Range(0, count).Select(i => Trades.Binance(from + i, symbol: symbol))]);

    /// <summary><paramref name="count"/> consecutive trades at consecutive offsets of partition 0.</summary>
    private static TradeBatch FromLog(string symbol, long runStart, long? previous, long fromTrade, long fromOffset, int count) =>
        LogBatches.FromLog(symbol, 0, runStart, previous, [.. Enumerable.Range(0, count).Select(i => (fromTrade + i, fromOffset + i))]);

    [Fact]
    public async Task A_long_ring_is_stored_as_a_base_row_plus_the_ids_added_since_and_reads_back_whole()
    {
        var symbol = UniqueSymbol();
        var grain = await FedAsync(symbol, smallBatches: 5);

        // 1,600 ids: 38,368 B whole (the ring grows by half, to 2,398 slots). The first write is whole (no pace to go
        // by yet); the second, 100 ids on, writes the base (1,200 ids in 1,599 slots); the main row holds the 400 ids
        // since (6,400 B) and the rest of the state.
        var rows = await fixture.RowsAsync(symbol);
        Assert.InRange(rows["integrity.ring0"], 1_599 * 16, (1_599 * 16) + 64);
        Assert.InRange(rows["integrity"], 4 * SmallBatch * 16, (4 * SmallBatch * 16) + 1_000);
        Assert.False(rows.ContainsKey("integrity.ring1"));

        await fixture.DeactivateAllAsync();
        var resent = await Grain(symbol).IngestAsync(Direct(symbol, 1, FirstBatch + (5 * SmallBatch)));

        // Every id is found in the ring read back (a lost one would count as a duplicate by sequence instead).
        Assert.Equal((0, 1_600, 0), (resent.Accepted, resent.DuplicatesByMessageId, resent.DuplicatesBySequence));
    }

    [Theory]
    [InlineData("integrity")]
    [InlineData("integrity.ring1")]
    public async Task A_write_lost_while_moving_to_a_new_base_leaves_the_stored_state_on_the_base_it_names(string failedRow)
    {
        var symbol = UniqueSymbol();
        var grain = await FedAsync(symbol, smallBatches: 11);

        // The base in slot 0 was written at 1,200 ids, 1,000 ago: the next write passes the bound, writes a base in
        // slot 1, then the state.
        fixture.Storage.FailNextWrite(symbol, failedRow);
        await Assert.ThrowsAnyAsync<Exception>(() => grain.IngestAsync(Direct(symbol, 2_201, SmallBatch)).AsTask());
        var rows = await fixture.RowsAsync(symbol);
        Assert.Equal(failedRow == "integrity", rows.ContainsKey("integrity.ring1"));

        await fixture.DeactivateAllAsync();
        var stored = await Grain(symbol).IngestAsync(Direct(symbol, 1, 2_200));
        var lost = await Grain(symbol).IngestAsync(Direct(symbol, 2_201, SmallBatch));

        Assert.Equal((0, 2_200, 0), (stored.Accepted, stored.DuplicatesByMessageId, stored.DuplicatesBySequence));
        Assert.Equal((SmallBatch, 0), (lost.Accepted, lost.Duplicates));
    }

    [Fact]
    public async Task A_state_rolled_back_to_a_checkpoint_is_stored_against_a_new_base_and_reads_back_whole()
    {
        var symbol = UniqueSymbol();
        var grain = Grain(symbol);
        await grain.IngestAsync(FromLog(symbol, 0, null, 1, 0, FirstBatch));
        Assert.True((await grain.PrepareFlushAsync(new FlushCheckpoint(LogBatches.Log, LogBatches.Topic, 0, 0, FirstBatch, FirstBatch - 1))).IsPrepared);
        await grain.IngestAsync(FromLog(symbol, 0, FirstBatch - 1, FirstBatch + 1, FirstBatch, SmallBatch));
        Assert.True((await grain.PrepareFlushAsync(new FlushCheckpoint(LogBatches.Log, LogBatches.Topic, 0, FirstBatch, FirstBatch + SmallBatch, FirstBatch + SmallBatch - 1))).IsPrepared);
        Assert.False((await fixture.RowsAsync(symbol)).ContainsKey("integrity.ring1"));

        // The flush did not commit: the consumer re-reads from the table's offset and the grain rolls back to the
        // checkpoint there. The ring after the replay is on another history than the base was written in.
        var replay = await grain.IngestAsync(FromLog(symbol, FirstBatch, null, FirstBatch + 1, FirstBatch, SmallBatch));
        Assert.Equal(SmallBatch, replay.Accepted);
        Assert.True((await grain.PrepareFlushAsync(new FlushCheckpoint(LogBatches.Log, LogBatches.Topic, 0, FirstBatch, FirstBatch + SmallBatch, FirstBatch + SmallBatch - 1))).IsPrepared);
        Assert.True((await fixture.RowsAsync(symbol)).ContainsKey("integrity.ring1"));

        await fixture.DeactivateAllAsync();
        var resent = await Grain(symbol).IngestAsync(Direct(symbol, 1, FirstBatch + SmallBatch));
        Assert.Equal((0, FirstBatch + SmallBatch, 0), (resent.Accepted, resent.DuplicatesByMessageId, resent.DuplicatesBySequence));
    }

    [Fact]
    public async Task A_base_row_that_is_gone_leaves_the_ids_added_since_and_the_sequence_checks_catch_the_rest()
    {
        var symbol = UniqueSymbol();
        var grain = await FedAsync(symbol, smallBatches: 4);

        // The base (1,200 ids) is lost, as only a second activation overwriting it could lose it.
        Assert.Equal(1, await fixture.ExecuteAsync(symbol, "WITH gone AS (DELETE FROM orleans_grain_state WHERE graintypestring = 'integrity.ring0' AND grainidextensionstring LIKE @key RETURNING 1) SELECT count(*)::int FROM gone"));
        await fixture.DeactivateAllAsync();
        var resent = await Grain(symbol).IngestAsync(Direct(symbol, 1, 1_500));

        // The grain activates; the 300 ids since the base are still known by id, the 1,200 before by their sequence.
        Assert.Equal((0, 300, 1_200), (resent.Accepted, resent.DuplicatesByMessageId, resent.DuplicatesBySequence));
    }

    [Fact]
    public async Task An_activation_behind_the_stored_state_writes_no_base_over_the_one_that_state_names()
    {
        var symbol = UniqueSymbol();
        var grain = await FedAsync(symbol, smallBatches: 11);

        // Another activation wrote the main row since (its version moved): this one is behind. Its next write would
        // write a base to slot 1 first; it must stop before that, not only at its own main write.
        Assert.Equal(1, await fixture.ExecuteAsync(symbol, "WITH moved AS (UPDATE orleans_grain_state SET version = version + 1 WHERE graintypestring = 'integrity' AND grainidextensionstring LIKE @key RETURNING 1) SELECT count(*)::int FROM moved"));
        await Assert.ThrowsAnyAsync<Exception>(() => grain.IngestAsync(Direct(symbol, 2_201, SmallBatch)).AsTask());
        Assert.False((await fixture.RowsAsync(symbol)).ContainsKey("integrity.ring1"));

        await fixture.DeactivateAllAsync();
        var stored = await Grain(symbol).IngestAsync(Direct(symbol, 1, 2_200));
        Assert.Equal((0, 2_200, 0), (stored.Accepted, stored.DuplicatesByMessageId, stored.DuplicatesBySequence));
    }

    /// <summary>One silo on PostgreSQL whose symbol grain storage can fail a chosen write (<see cref="HeldGrainStorage"/>).</summary>
    public sealed class Cluster() : OneSiloCluster("ring-base")
    {
        public HeldGrainStorage Storage => Assert.IsType<HeldGrainStorage>(SiloServices.GetRequiredKeyedService<IGrainStorage>(K2StorageNames.Symbols));

        /// <summary>Payload bytes per grain state row of the symbol's grain, by state name.</summary>
        public async Task<Dictionary<string, int>> RowsAsync(string symbol) =>
            (await Database.QueryAsync(
                "SELECT graintypestring, octet_length(payloadbinary) FROM orleans_grain_state WHERE grainidextensionstring LIKE @key",
                reader => (State: reader.GetString(0), Bytes: reader.GetInt32(1)),
                ("key", "%" + symbol + "%"))).ToDictionary(row => row.State, row => row.Bytes);

        /// <summary>Runs <paramref name="sql"/> (one int back) with <c>@key</c> matching the symbol's grain rows.</summary>
        public async Task<int> ExecuteAsync(string symbol, string sql) =>
            (await Database.QueryAsync(sql, reader => reader.GetInt32(0), ("key", "%" + symbol + "%"))).Single();

        protected override void Configure(TestClusterBuilder builder) => builder.AddSiloBuilderConfigurator<HeldGrainStorage.Configurator>();
    }
}

using K2.Contracts.Model;
using K2.Silo.Flush;
using K2.Testing;

namespace K2.Silo.Tests.Flush;

public sealed class LakehouseTradeFlusherTests
{
    private const string ClusterId = "kafka-cluster-a";
    private static readonly TopicPartition Binance0 = new("market.crypto.trades.binance", 0);
    private static readonly TopicPartition Binance1 = new("market.crypto.trades.binance", 1);

    [Fact]
    public async Task A_flush_commits_the_trades_and_records_the_offsets_it_covers()
    {
        await using var lakehouse = await FlushHarness.CreateAsync();
        var trades = Enumerable.Range(1, 50).Select(id => Trades.Binance(id)).ToList();

        var outcome = await lakehouse.Flusher.FlushAsync(Batch(trades, (Binance0, 0, 30), (Binance1, 0, 20)), ClusterId, CancellationToken.None);

        Assert.True(outcome.Committed);
        var stored = await lakehouse.ReadAllTradesAsync();
        Assert.Equal(trades.Select(t => t.MessageId).Order(), stored.Select(t => t.MessageId).Order());
        Assert.All(stored, trade => Assert.Equal(0.00012345m, trade.Quantity));
        var recorded = await lakehouse.Flusher.ReadCommittedOffsetsAsync(ClusterId, CancellationToken.None);
        Assert.Equal(30, recorded.NextOffset(Binance0));
        Assert.Equal(20, recorded.NextOffset(Binance1));
    }

    [Fact]
    public async Task Offsets_of_partitions_a_flush_does_not_cover_are_carried_forward()
    {
        await using var lakehouse = await FlushHarness.CreateAsync();
        await lakehouse.Flusher.FlushAsync(Batch([Trades.Binance(1)], (Binance0, 0, 10), (Binance1, 0, 7)), ClusterId, CancellationToken.None);

        await lakehouse.Flusher.FlushAsync(Batch([Trades.Binance(2)], (Binance0, 10, 25)), ClusterId, CancellationToken.None);

        var recorded = await lakehouse.Flusher.ReadCommittedOffsetsAsync(ClusterId, CancellationToken.None);
        Assert.Equal(25, recorded.NextOffset(Binance0));
        Assert.Equal(7, recorded.NextOffset(Binance1));
    }

    [Fact]
    public async Task A_batch_that_starts_behind_the_table_is_fenced_off_and_leaves_no_files()
    {
        await using var lakehouse = await FlushHarness.CreateAsync();
        await lakehouse.Flusher.FlushAsync(Batch([Trades.Binance(1), Trades.Binance(2)], (Binance0, 0, 2)), ClusterId, CancellationToken.None);
        var filesBefore = lakehouse.DataFileCount();

        // A silo that lost partition 0 in a rebalance still holds a batch read from offset 0.
        var zombie = await lakehouse.Flusher.FlushAsync(Batch([Trades.Binance(1), Trades.Binance(2)], (Binance0, 0, 2)), ClusterId, CancellationToken.None);

        Assert.False(zombie.Committed);
        Assert.Contains("records offset 2", zombie.FencedReason, StringComparison.Ordinal);
        Assert.Equal(2, (await lakehouse.ReadAllTradesAsync()).Count);
        Assert.Equal(filesBefore, lakehouse.DataFileCount());
        Assert.Equal(filesBefore, lakehouse.SidecarCount()); // one per committed trades file, none left by the fenced batch
    }

    [Fact]
    public async Task Two_silos_racing_on_different_partitions_both_commit_and_neither_loses_the_others_offsets()
    {
        await using var first = await FlushHarness.CreateAsync();
        await using var second = first.SecondSilo();
        const int rounds = 6;

        var a = Task.Run(async () =>
        {
            for (var round = 0; round < rounds; round++)
            {
                var outcome = await first.Flusher.FlushAsync(Batch([Trades.Binance(1_000 + round)], (Binance0, round * 10, (round + 1) * 10)), ClusterId, CancellationToken.None);
                Assert.True(outcome.Committed);
            }
        });
        var b = Task.Run(async () =>
        {
            for (var round = 0; round < rounds; round++)
            {
                var outcome = await second.Flusher.FlushAsync(Batch([Trades.Binance(2_000 + round, symbol: "ETHUSDT")], (Binance1, round * 5, (round + 1) * 5)), ClusterId, CancellationToken.None);
                Assert.True(outcome.Committed);
            }
        });
        await Task.WhenAll(a, b);

        var recorded = await first.Flusher.ReadCommittedOffsetsAsync(ClusterId, CancellationToken.None);
        Assert.Equal(rounds * 10, recorded.NextOffset(Binance0));
        Assert.Equal(rounds * 5, recorded.NextOffset(Binance1));
        Assert.Equal(rounds * 2, (await first.ReadAllTradesAsync()).Count);
    }

    [Fact]
    public async Task Offsets_recorded_for_another_kafka_cluster_do_not_fence_or_resume_this_one()
    {
        await using var lakehouse = await FlushHarness.CreateAsync();
        await lakehouse.Flusher.FlushAsync(Batch([Trades.Binance(1)], (Binance0, 0, 500)), "old-local-broker", CancellationToken.None);

        var fresh = await lakehouse.Flusher.FlushAsync(Batch([Trades.Binance(2)], (Binance0, 0, 1)), ClusterId, CancellationToken.None);

        Assert.True(fresh.Committed);
        Assert.Null((await lakehouse.Flusher.ReadCommittedOffsetsAsync("yet-another", CancellationToken.None)).NextOffset(Binance0));
        Assert.Equal(1, (await lakehouse.Flusher.ReadCommittedOffsetsAsync(ClusterId, CancellationToken.None)).NextOffset(Binance0));
    }

    [Fact]
    public async Task A_batch_of_only_duplicates_still_moves_the_offsets_on()
    {
        await using var lakehouse = await FlushHarness.CreateAsync();

        var outcome = await lakehouse.Flusher.FlushAsync(Batch([], (Binance0, 0, 40)), ClusterId, CancellationToken.None);

        Assert.True(outcome.Committed);
        Assert.Equal(0, lakehouse.DataFileCount());
        Assert.Equal(40, (await lakehouse.Flusher.ReadCommittedOffsetsAsync(ClusterId, CancellationToken.None)).NextOffset(Binance0));
    }

    private static FlushBatch<Trade> Batch(IReadOnlyList<Trade> trades, params (TopicPartition Partition, long Start, long Next)[] ranges) =>
        new(trades, ranges.ToDictionary(range => range.Partition, range => new OffsetRange(range.Start, range.Next)));
}

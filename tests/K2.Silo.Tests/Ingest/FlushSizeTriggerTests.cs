using System.Globalization;
using K2.Kafka.Consuming;
using K2.Kafka.Topics;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Silo.Tests.Flush;
using K2.Testing;

namespace K2.Silo.Tests.Ingest;

/// <summary>
/// <c>K2:Flush:MaxTrades</c> turns a backlog into several flushes (each commits while the consumer reads the next one)
/// instead of one at the end. With a flush age nothing in the test reaches, only the size trigger can commit: every
/// snapshot holds at least MaxTrades and less than MaxTrades plus one poll batch, and a silo started after it with a
/// short age commits the rest exactly once. <c>K2:Flush:CaughtUpMinTrades</c> commits a buffer at least that big as soon
/// as the consumer has read everything, instead of idling until the age.
/// </summary>
public sealed class FlushSizeTriggerTests
{
    private const int MaxTrades = 200;
    private const int MaxBatchMessages = 50;
    private const int Backlog = 1_000;

    [Fact]
    public async Task A_backlog_larger_than_MaxTrades_commits_as_several_flushes_of_that_size_then_the_rest_exactly_once()
    {
        await using var env = await IngestEnvironment.StartAsync();
        await using var table = FlushHarness.Attach(env.Database.ConnectionString, env.WarehousePath);
        await table.Flusher.EnsureTableAsync(CancellationToken.None);
        await PublishAsync(env, Backlog);

        await using (var sizeOnly = await env.StartClusterAsync(maxBatchMessages: MaxBatchMessages, flushAge: "00:30:00", configure: builder =>
            builder.Properties["K2:Flush:MaxTrades"] = MaxTrades.ToString(CultureInfo.InvariantCulture)))
        {
            // Once the backlog is read, at most MaxTrades - 1 trades can stay buffered (the age never fires here).
            await Poll.UntilAsync(
                async () => (await table.ReadAllTradesAsync()).Count >= Backlog - MaxTrades + 1,
                "the size trigger committed all but the last partial buffer");

            var snapshots = await table.TradeSnapshotsAsync();
            const int largestFlush = MaxTrades + MaxBatchMessages - 1;
            Assert.True(snapshots.Count >= (Backlog - MaxTrades + largestFlush) / largestFlush, $"{snapshots.Count} snapshot(s)");
            Assert.All(snapshots, snapshot => Assert.InRange(snapshot.Counter(SnapshotSummary.AddedRecords), MaxTrades, MaxTrades + MaxBatchMessages - 1));

            // What is committed is a prefix of the partition: trades 1..n, each once, and the offsets say n.
            var committed = await table.ReadAllTradesAsync();
            Assert.Equal(Enumerable.Range(1, committed.Count).Select(id => (long)id), committed.Select(trade => trade.SourceSequence ?? 0).Order());
            var log = await new KafkaClusterIdentity(env.KafkaOptions).ReadAsync(CancellationToken.None);
            var recorded = await table.CommittedOffsetsAsync(log);
            var partition = Assert.Single(env.EndOffsets(KafkaTopics.BinanceTrades), end => end.Value > 0).Key;
            Assert.Equal(committed.Count, recorded.NextOffset(new K2.Silo.Flush.TopicPartition(KafkaTopics.BinanceTrades, partition)));
        }

        // The partial buffer was never committed; a new silo reads it again from the table's offsets.
        await using var rest = await env.StartClusterAsync(maxBatchMessages: MaxBatchMessages);
        await env.WaitUntilDrainedAsync();
        var rows = await table.ReadAllTradesAsync();
        Assert.Equal(Enumerable.Range(1, Backlog).Select(id => (long)id), rows.Select(trade => trade.SourceSequence ?? 0).Order());
        Assert.Equal(Backlog, rows.Select(trade => trade.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task A_backlog_below_MaxTrades_is_committed_once_read_without_waiting_for_the_age()
    {
        const int caughtUpMinTrades = 300;
        await using var env = await IngestEnvironment.StartAsync();
        await using var table = FlushHarness.Attach(env.Database.ConnectionString, env.WarehousePath);
        await table.Flusher.EnsureTableAsync(CancellationToken.None);
        await PublishAsync(env, Backlog);

        // Neither the age (30 min) nor MaxTrades (above the backlog) can fire: only catching up can.
        await using var cluster = await env.StartClusterAsync(maxBatchMessages: MaxBatchMessages, flushAge: "00:30:00", configure: builder =>
        {
            builder.Properties["K2:Flush:MaxTrades"] = (Backlog * 10).ToString(CultureInfo.InvariantCulture);
            builder.Properties["K2:Flush:CaughtUpMinTrades"] = caughtUpMinTrades.ToString(CultureInfo.InvariantCulture);
        });
        await env.WaitUntilDrainedAsync();

        var rows = await table.ReadAllTradesAsync();
        Assert.Equal(Enumerable.Range(1, Backlog).Select(id => (long)id), rows.Select(trade => trade.SourceSequence ?? 0).Order());
        Assert.Equal(Backlog, rows.Select(trade => trade.MessageId).Distinct().Count());

        // A pause in the fetching mid-backlog may commit early, but never a buffer below the threshold.
        Assert.All(await table.TradeSnapshotsAsync(), snapshot => Assert.True(snapshot.Counter(SnapshotSummary.AddedRecords) >= caughtUpMinTrades));
    }

    private static async Task PublishAsync(IngestEnvironment env, int count)
    {
        await using var publisher = env.CreatePublisher();
        for (var id = 1; id <= count; id++)
        {
            await publisher.PublishTradeAsync(Trades.Binance(id, Trades.BaseTime.AddMilliseconds(id)), CancellationToken.None);
        }

        await publisher.FlushAsync(CancellationToken.None);
    }
}

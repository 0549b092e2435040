using K2.Kafka.Consuming;
using K2.Kafka.Topics;
using K2.Silo.Tests.Flush;
using K2.Testing;

namespace K2.Silo.Tests.Ingest;

/// <summary>
/// The whole ingest path against real parts: trades produced to Kafka, consumed by silos, classified by symbol grains
/// and committed to the Iceberg table, with silos killed mid-stream (mid-batch, mid-flush) and replaced. The table must
/// end with every trade exactly once and record the same offsets Kafka ends at.
/// </summary>
public sealed class LakehouseExactlyOnceTests
{
    private static readonly string[] Binance = ["BTCUSDT", "ETHUSDT", "BNBUSDT"];
    private static readonly string[] Asx = ["BHP", "RIO"];

    [Fact]
    public async Task Every_trade_is_in_the_table_exactly_once_after_silos_are_killed_mid_stream()
    {
        const int waves = 4;
        const int perWave = 400;
        await using var env = await IngestEnvironment.StartAsync();
        await using var table = FlushHarness.Attach(env.Database.ConnectionString, env.WarehousePath);
        await table.Flusher.EnsureTableAsync(CancellationToken.None);

        for (var wave = 0; wave < waves; wave++)
        {
            await PublishAsync(env, wave * perWave, perWave);
            var cluster = await env.StartClusterAsync(maxBatchMessages: 37, flushAge: "00:00:00.150");
            var before = (await table.ReadAllTradesAsync()).Count;

            // Kill while the wave is being flushed: some of it is committed, some buffered, some not yet read.
            await Poll.UntilAsync(() => table.ReadAllTradesAsync().Result.Count > before, $"wave {wave} started to reach the table");
            foreach (var silo in cluster.Silos.ToList())
            {
                await cluster.KillSiloAsync(silo);
            }

            await cluster.DisposeAsync();
        }

        await using var last = await env.StartClusterAsync(maxBatchMessages: 500);
        await env.WaitUntilDrainedAsync();

        var rows = await table.ReadAllTradesAsync();
        var expected = (Binance.Length + Asx.Length) * waves * perWave;
        Assert.Equal(expected, rows.Select(row => row.MessageId).Distinct().Count());
        Assert.Equal(expected, rows.Count);

        // Platform sequences are each symbol's 1..n with no hole and no repeat: the replays reused the first verdicts.
        foreach (var symbol in rows.GroupBy(row => (row.Exchange, row.Symbol)))
        {
            Assert.Equal(Enumerable.Range(1, waves * perWave).Select(i => (long)i), symbol.Select(row => row.PlatformSequence ?? 0).Order());
            var summary = await IngestEnvironment.Grain(last, symbol.Key.Exchange, symbol.Key.Symbol).GetIntegrityAsync();
            Assert.Equal((long)(waves * perWave), summary.Accepted);
            Assert.Equal(0L, summary.DuplicatesByMessageId + summary.DuplicatesBySequence);
        }

        // The table's offsets are where Kafka ends: nothing read twice, nothing skipped.
        var log = await new KafkaClusterIdentity(env.KafkaOptions).ReadAsync(CancellationToken.None);
        var recorded = await table.CommittedOffsetsAsync(log);
        foreach (var topic in new[] { KafkaTopics.BinanceTrades, KafkaTopics.AsxTrades })
        {
            foreach (var (partition, end) in env.EndOffsets(topic).Where(end => end.Value > 0))
            {
                Assert.Equal(end, recorded.NextOffset(new K2.Silo.Flush.TopicPartition(topic, partition)));
            }
        }
    }

    private static async Task PublishAsync(IngestEnvironment env, int from, int count)
    {
        await using var publisher = env.CreatePublisher();
        for (var i = from + 1; i <= from + count; i++)
        {
            foreach (var symbol in Binance)
            {
                await publisher.PublishTradeAsync(Trades.Binance(i, Trades.BaseTime.AddMilliseconds(i), symbol), CancellationToken.None);
            }

            foreach (var symbol in Asx)
            {
                await publisher.PublishTradeAsync(Trades.Asx(i, symbol, Trades.BaseTime.AddMilliseconds(i)), CancellationToken.None);
            }
        }

        await publisher.FlushAsync(CancellationToken.None);
    }
}

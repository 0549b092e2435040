using K2.Contracts.Avro;
using K2.Contracts.Grains;
using K2.Kafka.Topics;
using K2.Silo.Tests.Flush;
using K2.Testing;

namespace K2.Silo.Tests.Ingest;

public sealed class ConsumerRestartTests
{
    private const int PerSymbol = 300;

    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "SOLUSDT"];

    [Fact]
    public async Task A_cluster_stopped_mid_stream_and_replaced_leaves_every_symbol_with_exactly_n_accepted()
    {
        await using var env = await IngestEnvironment.StartAsync();
        await PublishAsync(env, 1, PerSymbol / 2);

        await using (var first = await env.StartClusterAsync(maxBatchMessages: 20))
        {
            await Poll.UntilAsync(
                () => IngestEnvironment.Grain(first, "BINANCE", Symbols[0]).GetIntegrityAsync().AsTask().Result.Accepted > 0,
                "the first cluster ingested something");
            await first.StopAllSilosAsync();
        }

        // The rest of the stream arrives while no silo runs.
        await PublishAsync(env, (PerSymbol / 2) + 1, PerSymbol);
        await using var second = await env.StartClusterAsync(maxBatchMessages: 20);
        await env.WaitUntilDrainedAsync();

        await AssertExactlyOnceAsync(second);
    }

    [Fact]
    public async Task Batches_applied_by_grains_but_never_committed_are_redelivered_and_not_applied_twice()
    {
        await using var env = await IngestEnvironment.StartAsync();
        await PublishAsync(env, 1, PerSymbol);

        // What a consumer that crashed between its grain calls and its commit leaves behind: grains hold the first
        // two thirds of the log (with their offsets), the group has committed nothing.
        await using (var crashed = await env.StartClusterWithoutConsumerAsync())
        {
            foreach (var partition in env.ReadAll(KafkaTopics.BinanceTrades).GroupBy(record => record.Message.Key, ByteArrayComparer.Instance))
            {
                var records = partition.Take(PerSymbol * 2 / 3).ToList();
                var trades = records.Select(record => TradeAvroCodec.Decode(record.Message.Value)).ToList();
                var batch = TradeBatch.FromLog(KafkaTopics.BinanceTrades, trades, [.. records.Select(record => new TradePosition(record.Partition.Value, record.Offset.Value))]);
                var result = await IngestEnvironment.Grain(crashed, "BINANCE", trades[0].Symbol).IngestAsync(batch);
                Assert.Equal(PerSymbol * 2 / 3, result.Accepted);
            }
        }

        await using var restarted = await env.StartClusterAsync(maxBatchMessages: 50);
        await env.WaitUntilDrainedAsync();

        await AssertExactlyOnceAsync(restarted);
    }

    [Fact]
    public async Task A_silo_killed_mid_stream_with_gaps_and_duplicates_counts_each_of_them_once()
    {
        const int last = 600;
        var skipped = Enumerable.Range(1, last).Where(id => id % 50 == 25).ToList();
        var resent = Enumerable.Range(1, last).Where(id => id % 40 == 0).Select(id => id - 1).ToList();
        await using var env = await IngestEnvironment.StartAsync();
        await using (var publisher = env.CreatePublisher())
        {
            foreach (var id in Enumerable.Range(1, last).Except(skipped))
            {
                await publisher.PublishTradeAsync(Trades.Binance(id), CancellationToken.None);
                if (id % 40 == 0)
                {
                    await publisher.PublishTradeAsync(Trades.Binance(id - 1), CancellationToken.None);
                }
            }

            await publisher.FlushAsync(CancellationToken.None);
        }

        // Killed (no graceful stop) once it has ingested something: what was classified but not yet flushed is replayed.
        var first = await env.StartClusterAsync(maxBatchMessages: 23, flushAge: "00:00:00.150");
        await Poll.UntilAsync(
            () => IngestEnvironment.Grain(first, "BINANCE", "BTCUSDT").GetIntegrityAsync().AsTask().Result.Accepted > 0,
            "the first cluster ingested something");
        foreach (var silo in first.Silos.ToList())
        {
            await first.KillSiloAsync(silo);
        }

        await first.DisposeAsync();
        await using var second = await env.StartClusterAsync(maxBatchMessages: 23);
        await env.WaitUntilDrainedAsync();

        var summary = await IngestEnvironment.Grain(second, "BINANCE", "BTCUSDT").GetIntegrityAsync();
        Assert.Equal(
            ((long)(last - skipped.Count), (long)resent.Count, 0L, (long)skipped.Count, skipped.Count, (long?)last),
            (summary.Accepted, summary.DuplicatesByMessageId, summary.DuplicatesBySequence, summary.GapsDetected, summary.OpenGaps.Count, summary.LastSequence));
        Assert.Equal(skipped.Select(id => ((long)id, (long)id)), summary.OpenGaps.Select(gap => (gap.From, gap.To)));

        // And the table holds each accepted trade once.
        await using var table = FlushHarness.Attach(env.Database.ConnectionString, env.WarehousePath);
        var rows = await table.ReadAllTradesAsync();
        Assert.Equal(Enumerable.Range(1, last).Except(skipped).Select(id => (long?)id), rows.Select(row => row.SourceSequence).Order());
    }

    private static async Task PublishAsync(IngestEnvironment env, int from, int to)
    {
        await using var publisher = env.CreatePublisher();
        for (var id = from; id <= to; id++)
        {
            foreach (var symbol in Symbols)
            {
                await publisher.PublishTradeAsync(Trades.Binance(id, symbol: symbol), CancellationToken.None);
            }
        }

        await publisher.FlushAsync(CancellationToken.None);
    }

    private static async Task AssertExactlyOnceAsync(Orleans.TestingHost.TestCluster cluster)
    {
        foreach (var symbol in Symbols)
        {
            var summary = await IngestEnvironment.Grain(cluster, "BINANCE", symbol).GetIntegrityAsync();
            Assert.Equal(
                (symbol, (long)PerSymbol, 0L, 0L, (long?)PerSymbol),
                (symbol, summary.Accepted, summary.DuplicatesByMessageId + summary.DuplicatesBySequence, summary.GapsDetected, summary.LastSequence));
        }
    }

    private sealed class ByteArrayComparer : IEqualityComparer<byte[]>
    {
        public static readonly ByteArrayComparer Instance = new();

        public bool Equals(byte[]? x, byte[]? y) => x.AsSpan().SequenceEqual(y);

        public int GetHashCode(byte[] obj) => obj.Length == 0 ? 0 : HashCode.Combine(obj.Length, obj[0], obj[^1]);
    }
}

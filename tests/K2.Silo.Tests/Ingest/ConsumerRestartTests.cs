using K2.Contracts.Avro;
using K2.Contracts.Grains;
using K2.Kafka.Topics;
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

using System.Diagnostics;
using Confluent.Kafka;
using K2.Contracts.Avro;
using K2.Kafka.Configuration;
using K2.Kafka.Topics;

namespace K2.Bench.Freshness;

/// <summary>
/// Committed-snapshot visibility: a side consumer (no group, assigned at the partitions' current ends, then only at the
/// probe symbol's partition once the first probe shows which it is) learns each probe's partition and offset; a loop
/// reads the trades table's current snapshot (the Kafka offsets its summary records, as the silo's flush wrote them)
/// every <paramref name="interval"/>, and a probe counts as committed when its
/// partition's recorded next offset is past it. Late by at most one interval plus the catalog read.
/// <paramref name="committedNextOffsets"/> reads, from the table, the next offset per partition of the trades topic.
/// </summary>
internal sealed class CommittedPoller(
    KafkaOptions kafka, int partitions, Func<Task<IReadOnlyDictionary<int, long>>> committedNextOffsets, ProbeLedger ledger, TimeSpan interval)
{
    private readonly byte[] _probeKey = System.Text.Encoding.UTF8.GetBytes(ProbeTrades.Symbol);

    /// <summary>Assigns the side consumer at the current end of every partition; call before the first probe.</summary>
    public IConsumer<byte[]?, byte[]?> OpenPositionConsumer()
    {
        var config = KafkaClientConfigs.Consumer(kafka, "k2-bench-probe-positions", "probe-positions");
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        var ends = Enumerable.Range(0, partitions).Select(p =>
        {
            var partition = new Confluent.Kafka.TopicPartition(KafkaTopics.BinanceTrades, p);
            return new TopicPartitionOffset(partition, consumer.QueryWatermarkOffsets(partition, TimeSpan.FromSeconds(10)).High);
        });
        consumer.Assign(ends);
        return consumer;
    }

    public void TrackPositions(IConsumer<byte[]?, byte[]?> consumer, CancellationToken cancellationToken)
    {
        var narrowed = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { IsPartitionEOF: false } record
                && record.Message.Key is { } key && key.AsSpan().SequenceEqual(_probeKey)
                && record.Message.Value is { } value && TradeAvroCodec.TryDecode(value, out var trade, out _)
                && trade.SourceSequence is { } id)
            {
                ledger.MarkPosition(id, record.Partition.Value, record.Offset.Value);
                if (!narrowed)
                {
                    // One key, one partition: from the first probe on, read only that partition. Reading all of them
                    // decoded the whole load a second time and made the local broker serve a second consumer's
                    // fetches of every partition, CPU taken from the silo on the same two cores.
                    consumer.Assign(new TopicPartitionOffset(record.TopicPartition, record.Offset + 1));
                    narrowed = true;
                }
            }
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var offsets = await committedNextOffsets();
            ledger.MarkCommitted(offsets, Stopwatch.GetTimestamp());
            try
            {
                await Task.Delay(interval, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

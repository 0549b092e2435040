using Confluent.Kafka;

namespace K2.Silo.Ingest;

/// <summary>
/// The records polled for the next batch. Filled by <see cref="Fill"/>; the rebalance handlers (which librdkafka runs
/// inside <c>Consume</c>, on the same thread) drop the records of partitions this member no longer owns, so a batch
/// never processes or commits another member's partitions.
/// </summary>
internal sealed class PendingBatch(IngestOptions options, IngestMetrics metrics)
{
    private readonly List<ConsumeResult<byte[]?, byte[]?>> _records = [];

    /// <summary>
    /// Polls until <see cref="IngestOptions.MaxBatchMessages"/> records, <see cref="IngestOptions.MaxBatchWait"/>, or
    /// <see cref="IngestOptions.MaxBatchLinger"/> after the batch's first record, whichever comes first, then hands
    /// them over.
    /// </summary>
    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> Fill(IConsumer<byte[]?, byte[]?> consumer, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + options.MaxBatchWait;

        // Records held from a flush arrived before this batch began: they start its linger now.
        var lingering = _records.Count > 0;
        if (lingering)
        {
            deadline = Earlier(deadline, DateTime.UtcNow + options.MaxBatchLinger);
        }

        while (_records.Count < options.MaxBatchMessages && !cancellationToken.IsCancellationRequested)
        {
            var remaining = deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                break;
            }

            var record = consumer.Consume(remaining);
            if (record is null)
            {
                break;
            }

            if (!record.IsPartitionEOF)
            {
                _records.Add(record);
                metrics.MessageConsumed(record.Topic);
                if (!lingering)
                {
                    deadline = Earlier(deadline, DateTime.UtcNow + options.MaxBatchLinger);
                    lingering = true;
                }
            }
        }

        var batch = _records.ToArray();
        _records.Clear();
        return batch;
    }

    private static DateTime Earlier(DateTime a, DateTime b) => a < b ? a : b;

    /// <summary>Keeps a record polled outside <see cref="Fill"/> (while flushing) for the next batch.</summary>
    public void Hold(ConsumeResult<byte[]?, byte[]?> record) => _records.Add(record);

    public void Clear() => _records.Clear();

    /// <summary>Drops the records of <paramref name="partitions"/>; returns how many.</summary>
    public int Drop(IEnumerable<TopicPartition> partitions)
    {
        var gone = partitions.ToHashSet();
        return _records.RemoveAll(record => gone.Contains(record.TopicPartition));
    }
}

using K2.Contracts.Grains;
using K2.Silo.Integrity;

namespace K2.Silo.Grains;

/// <summary>Where a batch read from Kafka sits: one partition of one topic, and how it continues the consumer's run.</summary>
internal sealed record LogBatch(string PartitionKey, long RunStart, long? PreviousOffset)
{
    /// <summary>Null for a batch not read from the log (no positions); throws for a malformed one.</summary>
    public static LogBatch? From(TradeBatch batch) =>
        From(batch.Topic, batch.Positions, batch.Trades.Count, batch.LogCluster, batch.RunStartOffset, batch.PreviousOffset);

    /// <inheritdoc cref="From(TradeBatch)"/>
    public static LogBatch? From(QuoteBatch batch) =>
        From(batch.Topic, batch.Positions, batch.Quotes.Count, batch.LogCluster, batch.RunStartOffset, batch.PreviousOffset);

    private static LogBatch? From(string? topic, IReadOnlyList<TradePosition> positions, int records, string? logCluster, long? runStart, long? previousOffset)
    {
        if (positions.Count == 0)
        {
            return null;
        }

        if (positions.Count != records || string.IsNullOrEmpty(topic))
        {
            throw new ArgumentException(
                $"A batch with positions needs a topic and one position per record ({positions.Count} for {records}).",
                nameof(positions));
        }

        var partition = positions[0].Partition;
        if (positions.Any(position => position.Partition != partition))
        {
            throw new ArgumentException("A batch read from the log holds one partition.", nameof(positions));
        }

        var key = AppliedOffsets.PartitionKey(logCluster, topic, partition);

        // Without a run start (a caller that predates checkpoints) the batch starts where its first record is.
        return new LogBatch(key, runStart ?? positions[0].Offset, previousOffset);
    }
}

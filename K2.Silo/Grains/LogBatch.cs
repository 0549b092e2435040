using K2.Contracts.Grains;
using K2.Silo.Integrity;

namespace K2.Silo.Grains;

/// <summary>Where a batch read from Kafka sits: one partition of one topic, and how it continues the consumer's run.</summary>
internal sealed record LogBatch(string PartitionKey, long RunStart, long? PreviousOffset)
{
    /// <summary>Null for a batch not read from the log (no positions); throws for a malformed one.</summary>
    public static LogBatch? From(TradeBatch batch)
    {
        if (batch.Positions.Count == 0)
        {
            return null;
        }

        if (batch.Positions.Count != batch.Trades.Count || string.IsNullOrEmpty(batch.Topic))
        {
            throw new ArgumentException(
                $"A batch with positions needs a topic and one position per trade ({batch.Positions.Count} for {batch.Trades.Count}).",
                nameof(batch));
        }

        var partition = batch.Positions[0].Partition;
        if (batch.Positions.Any(position => position.Partition != partition))
        {
            throw new ArgumentException("A batch read from the log holds one partition.", nameof(batch));
        }

        var key = AppliedOffsets.PartitionKey(batch.LogCluster, batch.Topic, partition);

        // Without a run start (a caller that predates checkpoints) the batch starts where its first trade is.
        return new LogBatch(key, batch.RunStartOffset ?? batch.Positions[0].Offset, batch.PreviousOffset);
    }
}

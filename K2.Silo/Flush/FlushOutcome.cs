namespace K2.Silo.Flush;

/// <summary>
/// What a flush did: committed a snapshot, or committed nothing because the consumer's view is stale — another writer
/// moved the offsets on, or a grain no longer holds what the consumer sent it. Either way the consumer re-reads.
/// </summary>
public sealed record FlushOutcome(bool Committed, long? SnapshotId, int Rows, KafkaOffsetMap CommittedOffsets, string? FencedReason)
{
    public static FlushOutcome Fenced(string reason) => new(false, null, 0, KafkaOffsetMap.Empty, reason);
}

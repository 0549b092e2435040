namespace K2.Silo.Flush;

/// <summary>What a flush did: committed a snapshot, or was fenced because another writer moved the offsets on.</summary>
public sealed record FlushOutcome(bool Committed, long? SnapshotId, int Rows, KafkaOffsetMap CommittedOffsets, string? FencedReason)
{
    public static FlushOutcome Fenced(string reason) => new(false, null, 0, KafkaOffsetMap.Empty, reason);
}

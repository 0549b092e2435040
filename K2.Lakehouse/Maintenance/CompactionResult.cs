using K2.Lakehouse.Iceberg.Manifests;

namespace K2.Lakehouse.Maintenance;

/// <summary>What compacting one partition did.</summary>
/// <param name="Partition">The partition.</param>
/// <param name="Status">Committed, or aborted because another writer removed one of the files first.</param>
/// <param name="SnapshotId">The replace snapshot when committed.</param>
/// <param name="FilesBefore">Files rewritten.</param>
/// <param name="FilesAfter">Files written in their place.</param>
/// <param name="Records">Rows rewritten (the same count before and after).</param>
/// <param name="Attempts">Commit attempts.</param>
public sealed record CompactionResult(
    PartitionData Partition,
    RewriteCommitStatus Status,
    long? SnapshotId,
    int FilesBefore,
    int FilesAfter,
    long Records,
    int Attempts);

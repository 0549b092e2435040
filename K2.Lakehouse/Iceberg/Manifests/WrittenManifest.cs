namespace K2.Lakehouse.Iceberg.Manifests;

/// <summary>
/// A manifest of newly added files, written once before the commit loop. Its sequence number and snapshot id
/// are only known per attempt, so <see cref="ForCommit"/> fills them in when the manifest list is written.
/// </summary>
public sealed record WrittenManifest(
    string Path,
    long Length,
    int PartitionSpecId,
    int AddedFilesCount,
    long AddedRowsCount,
    IReadOnlyList<PartitionFieldSummary> Partitions)
{
    public ManifestFile ForCommit(long sequenceNumber, long snapshotId) => new()
    {
        Path = Path,
        Length = Length,
        PartitionSpecId = PartitionSpecId,
        SequenceNumber = sequenceNumber,
        MinSequenceNumber = sequenceNumber,
        AddedSnapshotId = snapshotId,
        AddedFilesCount = AddedFilesCount,
        ExistingFilesCount = 0,
        DeletedFilesCount = 0,
        AddedRowsCount = AddedRowsCount,
        ExistingRowsCount = 0,
        DeletedRowsCount = 0,
        Partitions = Partitions,
    };
}

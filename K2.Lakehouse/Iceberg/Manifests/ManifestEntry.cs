namespace K2.Lakehouse.Iceberg.Manifests;

public enum ManifestEntryStatus
{
    Existing = 0,
    Added = 1,
    Deleted = 2,
}

/// <summary>
/// A manifest row (spec v2 <c>manifest_entry</c>). New files are written with null snapshot id and sequence
/// numbers, inherited from the manifest list on read, so one manifest can be reused by every commit retry.
/// </summary>
public sealed record ManifestEntry(
    ManifestEntryStatus Status,
    long? SnapshotId,
    long? SequenceNumber,
    long? FileSequenceNumber,
    DataFile DataFile)
{
    public static ManifestEntry Added(DataFile file) => new(ManifestEntryStatus.Added, null, null, null, file);
}

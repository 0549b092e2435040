namespace K2.Lakehouse.Maintenance;

/// <summary>What a snapshot expiry did.</summary>
/// <param name="ExpiredSnapshotIds">Snapshots removed from the table metadata.</param>
/// <param name="DeletedManifestLists">Manifest lists deleted.</param>
/// <param name="DeletedManifests">Manifests deleted.</param>
/// <param name="DeletedDataFiles">Data files deleted.</param>
/// <param name="FailedDeletes">Files that could not be deleted (left for orphan-file removal).</param>
public sealed record ExpiryResult(
    IReadOnlyList<long> ExpiredSnapshotIds,
    int DeletedManifestLists,
    int DeletedManifests,
    int DeletedDataFiles,
    int FailedDeletes)
{
    public static ExpiryResult Nothing { get; } = new([], 0, 0, 0, 0);
}

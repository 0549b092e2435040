namespace K2.Lakehouse.Maintenance;

/// <summary>What merging a table's manifests did.</summary>
/// <param name="Status">Committed; NotNeeded (too few small manifests); Aborted (a manifest to merge was rewritten by someone else first).</param>
/// <param name="SnapshotId">The replace snapshot when committed.</param>
/// <param name="ManifestsBefore">Manifests the snapshot listed when the merge was planned.</param>
/// <param name="ManifestsReplaced">Small manifests merged away (including those with no live entry left).</param>
/// <param name="ManifestsCreated">Manifests written in their place.</param>
/// <param name="Entries">Live data-file entries carried into the new manifests.</param>
/// <param name="Attempts">Commit attempts.</param>
public sealed record ManifestMergeResult(
    ManifestMergeStatus Status,
    long? SnapshotId,
    int ManifestsBefore,
    int ManifestsReplaced,
    int ManifestsCreated,
    long Entries,
    int Attempts);

public enum ManifestMergeStatus
{
    NotNeeded,
    Committed,
    Aborted,
}

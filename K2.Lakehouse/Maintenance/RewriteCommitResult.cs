using K2.Lakehouse.Catalog;

namespace K2.Lakehouse.Maintenance;

public enum RewriteCommitStatus
{
    /// <summary>A <c>replace</c> snapshot with the new files in place of the old ones is current.</summary>
    Committed,

    /// <summary>A file to be replaced was no longer live (another writer removed it); the table is unchanged.</summary>
    Aborted,
}

/// <summary>The outcome of a <see cref="RewriteCommitter"/> commit.</summary>
/// <param name="Status">Committed or aborted.</param>
/// <param name="SnapshotId">The replace snapshot's id when committed.</param>
/// <param name="Table">The table as the commit left it.</param>
/// <param name="Attempts">Attempts used, 1 when there was no conflict.</param>
/// <param name="MissingFiles">When aborted: the files to replace that the latest snapshot no longer holds.</param>
public sealed record RewriteCommitResult(RewriteCommitStatus Status, long? SnapshotId, LoadedTable Table, int Attempts, IReadOnlyList<string> MissingFiles);

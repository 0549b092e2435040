using K2.Lakehouse.Catalog;

namespace K2.Lakehouse.Commit;

public enum AppendCommitStatus
{
    /// <summary>A new snapshot with the files is current.</summary>
    Committed,

    /// <summary>The caller declined the commit against the latest metadata; the table is unchanged.</summary>
    Skipped,
}

/// <summary>The outcome of an <see cref="AppendCommitter"/> append.</summary>
/// <param name="Status">Committed or skipped.</param>
/// <param name="SnapshotId">The new snapshot's id when committed; null when skipped.</param>
/// <param name="Table">The table as the commit left it (the new version, or the version that made the commit unnecessary).</param>
/// <param name="Attempts">Attempts used, 1 when there was no conflict.</param>
public sealed record AppendCommitResult(AppendCommitStatus Status, long? SnapshotId, LoadedTable Table, int Attempts);

using K2.Lakehouse.Maintenance;

namespace K2.Silo.Maintenance;

/// <summary>The counts of one maintenance run, as the grain reports and logs them.</summary>
[GenerateSerializer]
[Alias("K2.Silo.Maintenance.TableMaintenanceRun")]
public sealed record TableMaintenanceRun(
    [property: Id(0)] string Table,
    [property: Id(1)] int CompactedPartitions,
    [property: Id(2)] int AbortedCompactions,
    [property: Id(3)] int FilesRewritten,
    [property: Id(4)] int FilesWritten,
    [property: Id(5)] int ExpiredSnapshots,
    [property: Id(6)] int DeletedFiles,
    [property: Id(7)] int OrphansDeleted,
    [property: Id(8)] bool CompactionFailed,
    [property: Id(9)] int ManifestsMerged,
    [property: Id(10)] bool ManifestMergeFailed)
{
    public static TableMaintenanceRun From(MaintenanceReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var committed = report.Compactions.Where(c => c.Status == RewriteCommitStatus.Committed).ToList();
        return new TableMaintenanceRun(
            report.Table.ToString(),
            committed.Count,
            report.Compactions.Count - committed.Count,
            committed.Sum(c => c.FilesBefore),
            committed.Sum(c => c.FilesAfter),
            report.Expiry.ExpiredSnapshotIds.Count,
            report.Expiry.DeletedManifestLists + report.Expiry.DeletedManifests + report.Expiry.DeletedDataFiles,
            report.Orphans.DeletedFiles.Count,
            report.CompactionFailure is not null,
            report.ManifestMerge is { Status: ManifestMergeStatus.Committed } merge ? merge.ManifestsReplaced : 0,
            report.ManifestMergeFailure is not null);
    }
}

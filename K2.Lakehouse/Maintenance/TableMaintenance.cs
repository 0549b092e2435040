using K2.Lakehouse.Tables;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Maintenance;

/// <summary>
/// One maintenance run over a table, in the order that frees the most: compaction (which makes the small files
/// unreferenced by the new current snapshot), manifest merging (one manifest per flush, and compaction's rewritten
/// copies, into a few large ones), snapshot expiry (which deletes the files only expired snapshots still read — the
/// pre-compaction files and merged-away manifests once their snapshots age out), then orphan-file removal. A
/// compaction or merge that fails (an unreadable file, say) does not stop the later steps: otherwise one bad
/// partition would keep every expired file on disk for good.
/// </summary>
public sealed class TableMaintenance(
    Compactor compactor,
    ManifestMerger merger,
    SnapshotExpirer expirer,
    OrphanFileRemover orphans,
    IOptions<MaintenanceOptions> options,
    TimeProvider time)
{
    private readonly MaintenanceOptions _options = options.Value;

    public async Task<MaintenanceReport> RunAsync(TableIdentifier table, CancellationToken cancellationToken)
    {
        IReadOnlyList<CompactionResult> compactions = [];
        Exception? compactionFailure = null;
        try
        {
            compactions = await compactor.CompactAsync(table, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            compactionFailure = exception;
        }

        ManifestMergeResult? merge = null;
        Exception? mergeFailure = null;
        try
        {
            merge = await merger.MergeAsync(table, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            mergeFailure = exception;
        }

        var expiry = await expirer.ExpireAsync(table, time.GetUtcNow() - _options.SnapshotRetention, _options.MinSnapshotsToKeep, cancellationToken);
        var removed = await orphans.RemoveAsync(table, time.GetUtcNow() - _options.OrphanMinAge, cancellationToken);
        return new MaintenanceReport(table, compactions, compactionFailure, merge, mergeFailure, expiry, removed);
    }
}

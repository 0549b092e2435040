using K2.Lakehouse.Tables;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Maintenance;

/// <summary>
/// One maintenance run over a table, in the order that frees the most: compaction (which makes the small files
/// unreferenced by the new current snapshot), snapshot expiry (which deletes the files only expired snapshots still
/// read — the pre-compaction files once their snapshots age out), then orphan-file removal. A compaction that fails
/// (an unreadable file, say) does not stop the other two steps: otherwise one bad partition would keep every
/// expired file on disk for good.
/// </summary>
public sealed class TableMaintenance(
    Compactor compactor,
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

        var expiry = await expirer.ExpireAsync(table, time.GetUtcNow() - _options.SnapshotRetention, _options.MinSnapshotsToKeep, cancellationToken);
        var removed = await orphans.RemoveAsync(table, time.GetUtcNow() - _options.OrphanMinAge, cancellationToken);
        return new MaintenanceReport(table, compactions, compactionFailure, expiry, removed);
    }
}

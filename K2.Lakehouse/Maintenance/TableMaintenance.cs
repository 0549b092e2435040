using K2.Lakehouse.Tables;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Maintenance;

/// <summary>
/// One maintenance run over a table, in the order that frees the most: compaction (which makes the small files
/// unreferenced by the new current snapshot), snapshot expiry (which deletes the files only expired snapshots still
/// read — the pre-compaction files once their snapshots age out), then orphan-file removal.
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
        var compactions = await compactor.CompactAsync(table, cancellationToken);
        var expiry = await expirer.ExpireAsync(table, time.GetUtcNow() - _options.SnapshotRetention, _options.MinSnapshotsToKeep, cancellationToken);
        var removed = await orphans.RemoveAsync(table, time.GetUtcNow() - _options.OrphanMinAge, cancellationToken);
        return new MaintenanceReport(table, compactions, expiry, removed);
    }
}

using K2.Lakehouse.Bars;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Maintenance;

/// <summary>
/// Expires old snapshots (the Java ExpireSnapshots action): removes them from the table metadata through the catalog
/// compare-and-swap, then deletes the files only they reached — their manifest lists, manifests no retained snapshot
/// lists, and data files no retained snapshot reads. The current snapshot is never expired, and no snapshot gets a new
/// summary, so the Kafka offsets recorded in the current snapshot stay where consumers look for them.
/// </summary>
public sealed class SnapshotExpirer
{
    private readonly MetadataCommitLoop _loop;
    private readonly IWarehouseStorage _storage;
    private readonly LakehouseOptions _options;
    private readonly TimeProvider _time;

    public SnapshotExpirer(
        IcebergCatalog catalog,
        SqlCatalogStore store,
        MetadataFileStore metadataFiles,
        IWarehouseStorage storage,
        IOptions<LakehouseOptions> options,
        TimeProvider time)
    {
        _loop = new MetadataCommitLoop(catalog, store, metadataFiles, options, time);
        _storage = storage;
        _options = options.Value;
        _time = time;
    }

    /// <summary>Expires snapshots committed before <paramref name="olderThan"/>, keeping at least <paramref name="minSnapshotsToKeep"/>.</summary>
    public async Task<ExpiryResult> ExpireAsync(TableIdentifier table, DateTimeOffset olderThan, int minSnapshotsToKeep, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minSnapshotsToKeep, 1);
        IReadOnlyList<Snapshot> expired = [];
        var outcome = await _loop.RunAsync(table, (current, _, _) =>
        {
            // Re-derived on every attempt: a snapshot committed meanwhile may be the new current one, and is kept.
            expired = SnapshotRetention.Expired(current.Metadata, olderThan.ToUnixTimeMilliseconds(), minSnapshotsToKeep);
            if (expired.Count == 0)
            {
                return Task.FromResult<PreparedUpdate?>(null);
            }

            var next = TableMetadataUpdates.RemoveSnapshots(
                current.Metadata,
                current.MetadataLocation,
                expired.Select(s => s.SnapshotId).ToHashSet(),
                _time.GetUtcNow().ToUnixTimeMilliseconds(),
                _options.MetadataLogMaxEntries);
            return Task.FromResult<PreparedUpdate?>(new PreparedUpdate(next, []));
        }, cancellationToken);

        if (!outcome.Committed)
        {
            return ExpiryResult.Nothing;
        }

        var metadata = outcome.Table.Metadata;
        var gone = await ReachableFiles.FromAsync(_storage, metadata, expired, cancellationToken);
        var kept = await ReachableFiles.FromAsync(_storage, metadata, metadata.Snapshots, cancellationToken);
        var failed = 0;
        var lists = await DeleteAsync(gone.ManifestLists.Except(kept.ManifestLists), () => failed++);
        var manifests = await DeleteAsync(gone.Manifests.Except(kept.Manifests), () => failed++);
        var goneDataFiles = gone.AllDataFiles.Except(kept.LiveDataFiles).ToList();
        var dataFiles = await DeleteAsync(goneDataFiles, () => failed++);
        // A data file's bar sidecar goes with it (absent for files written without one; deleting nothing is fine).
        await DeleteAsync(goneDataFiles.Select(BarSidecar.LocationFor), () => failed++);
        return new ExpiryResult(expired.Select(s => s.SnapshotId).ToList(), lists, manifests, dataFiles, failed);
    }

    private async Task<int> DeleteAsync(IEnumerable<string> locations, Action failed)
    {
        var deleted = 0;
        foreach (var location in locations)
        {
            try
            {
                // Not cancellable: the metadata no longer references these files, so stopping half way only leaves orphans.
                await _storage.DeleteAsync(location, CancellationToken.None);
                deleted++;
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                failed(); // unreferenced now; orphan-file removal retries it
            }
        }

        return deleted;
    }
}

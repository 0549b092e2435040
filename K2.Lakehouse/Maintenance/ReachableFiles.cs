using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;

namespace K2.Lakehouse.Maintenance;

/// <summary>
/// The files a set of snapshots reaches: their manifest lists, the manifests those list, and the data files in
/// those manifests — live ones (what a read of the snapshot opens) and all of them (including DELETED entries).
/// Manifests shared between snapshots are read once.
/// </summary>
internal sealed class ReachableFiles
{
    public HashSet<string> ManifestLists { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Manifests { get; } = new(StringComparer.Ordinal);

    public HashSet<string> LiveDataFiles { get; } = new(StringComparer.Ordinal);

    public HashSet<string> AllDataFiles { get; } = new(StringComparer.Ordinal);

    public static async Task<ReachableFiles> FromAsync(
        IWarehouseStorage storage,
        TableMetadata table,
        IEnumerable<Snapshot> snapshots,
        CancellationToken cancellationToken)
    {
        var reachable = new ReachableFiles();
        foreach (var snapshot in snapshots)
        {
            reachable.ManifestLists.Add(snapshot.ManifestList);
            foreach (var manifest in await ManifestListReader.ReadAsync(storage, snapshot.ManifestList, cancellationToken))
            {
                if (!reachable.Manifests.Add(manifest.Path))
                {
                    continue;
                }

                foreach (var entry in await ManifestReader.ReadAsync(storage, manifest, table, cancellationToken))
                {
                    reachable.AllDataFiles.Add(entry.DataFile.Location);
                    if (entry.Status != ManifestEntryStatus.Deleted)
                    {
                        reachable.LiveDataFiles.Add(entry.DataFile.Location);
                    }
                }
            }
        }

        return reachable;
    }
}

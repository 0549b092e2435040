using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;

namespace K2.Lakehouse.Maintenance;

/// <summary>A manifest as a snapshot lists it, with its entries (snapshot id and sequence numbers inherited).</summary>
public sealed record ManifestContents(ManifestFile Manifest, IReadOnlyList<ManifestEntry> Entries)
{
    public IEnumerable<ManifestEntry> LiveEntries => Entries.Where(e => e.Status != ManifestEntryStatus.Deleted);

    /// <summary>Every manifest of <paramref name="snapshot"/> with its entries.</summary>
    public static async Task<IReadOnlyList<ManifestContents>> ReadAsync(
        IWarehouseStorage storage,
        TableMetadata table,
        Snapshot snapshot,
        CancellationToken cancellationToken)
    {
        var manifests = await ManifestListReader.ReadAsync(storage, snapshot.ManifestList, cancellationToken);
        var contents = new List<ManifestContents>(manifests.Count);
        foreach (var manifest in manifests)
        {
            // K2 writes no delete files. Rewriting data files under row-level deletes needs the deletes applied or
            // carried along, which this code does not do, so it refuses such a table rather than resurrect rows.
            if (manifest.Content != ManifestContent.Data)
            {
                throw new NotSupportedException($"Snapshot {snapshot.SnapshotId} has delete manifests; K2 maintenance only handles data manifests.");
            }

            contents.Add(new ManifestContents(manifest, await ManifestReader.ReadAsync(storage, manifest, table, cancellationToken)));
        }

        return contents;
    }
}

using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;

namespace K2.Lakehouse.Maintenance;

/// <summary>A manifest as a snapshot lists it, with its entries (snapshot id and sequence numbers inherited).</summary>
public sealed record ManifestContents(ManifestFile Manifest, IReadOnlyList<ManifestEntry> Entries)
{
    public IEnumerable<ManifestEntry> LiveEntries => Entries.Where(e => e.Status != ManifestEntryStatus.Deleted);

    /// <summary>Every manifest of <paramref name="snapshot"/> with its entries.</summary>
    /// <param name="storage">Where the manifests are.</param>
    /// <param name="table">The table's metadata (schema and specs to decode entries with).</param>
    /// <param name="snapshot">The snapshot whose manifests to read.</param>
    /// <param name="cache">
    /// Contents already read, by manifest path, filled as manifests are read. Manifests are immutable and a committed
    /// manifest is listed with the same sequence numbers by every later snapshot, so a commit loop that re-reads the
    /// table after losing a race only reads the manifests that arrived since; without it a rewrite re-reads every
    /// manifest per attempt and starves behind frequent appends.
    /// </param>
    /// <param name="cancellationToken">Cancels between manifests.</param>
    public static async Task<IReadOnlyList<ManifestContents>> ReadAsync(
        IWarehouseStorage storage,
        TableMetadata table,
        Snapshot snapshot,
        CancellationToken cancellationToken,
        Dictionary<string, ManifestContents>? cache = null)
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

            if (cache is not null && cache.TryGetValue(manifest.Path, out var known) && SameListing(known.Manifest, manifest))
            {
                contents.Add(known);
                continue;
            }

            var read = new ManifestContents(manifest, await ManifestReader.ReadAsync(storage, manifest, table, cancellationToken));
            contents.Add(read);
            if (cache is not null)
            {
                cache[manifest.Path] = read;
            }
        }

        return contents;
    }

    private static bool SameListing(ManifestFile known, ManifestFile listed) =>
        known.SequenceNumber == listed.SequenceNumber && known.AddedSnapshotId == listed.AddedSnapshotId && known.Length == listed.Length;
}

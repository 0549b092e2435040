using K2.Lakehouse.Bars;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;

namespace K2.Lakehouse.Maintenance;

/// <summary>
/// Deletes files under a table's location that the table does not reference (the Java DeleteOrphanFiles action):
/// leftovers of failed or abandoned commits, and files an interrupted expiry did not get to. Referenced means the
/// current metadata file, the metadata files in its <c>metadata-log</c>, and the manifest lists, manifests and live
/// data files of every snapshot in it, and the bar sidecars of those data files (K2's index outside the Iceberg
/// metadata, docs/lakehouse.md): a sidecar whose data file is gone is an orphan like any other. Only files older than a safety age are deleted, because writers publish data
/// files and manifests before the commit that references them.
/// </summary>
public sealed class OrphanFileRemover(IcebergCatalog catalog, IWarehouseStorage storage)
{
    public async Task<OrphanRemovalResult> RemoveAsync(TableIdentifier table, DateTimeOffset olderThan, CancellationToken cancellationToken)
    {
        var location = (await catalog.LoadTableAsync(table, cancellationToken)).Metadata.Location;
        var listed = new List<string>();
        await foreach (var file in storage.ListAsync($"{location}/", cancellationToken))
        {
            listed.Add(file);
        }

        // Loaded after listing: anything committed before the listing is referenced by this version or is old news.
        var current = await catalog.LoadTableAsync(table, cancellationToken);
        var metadata = current.Metadata;
        var reachable = await ReachableFiles.FromAsync(storage, metadata, metadata.Snapshots, cancellationToken);
        var referenced = reachable.ManifestLists
            .Concat(reachable.Manifests)
            .Concat(reachable.LiveDataFiles)
            .Concat(reachable.LiveDataFiles.Select(BarSidecar.LocationFor))
            .Concat(metadata.MetadataLog.Select(e => e.MetadataFile))
            .Append(current.MetadataLocation)
            .Select(Key)
            .ToHashSet(StringComparer.Ordinal);

        var deleted = new List<string>();
        var young = 0;
        var failed = 0;
        foreach (var file in listed.Where(f => !referenced.Contains(Key(f))))
        {
            if (await storage.GetLastModifiedAsync(file, cancellationToken) is not { } modified)
            {
                continue; // already gone
            }

            if (modified >= olderThan)
            {
                young++;
                continue;
            }

            try
            {
                await storage.DeleteAsync(file, cancellationToken);
                deleted.Add(file);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                failed++; // the next sweep tries again
            }
        }

        return new OrphanRemovalResult(listed.Count, deleted, young, failed);
    }

    /// <summary>
    /// Listing returns locations built from paths, metadata records locations built by the writers; both name the same
    /// file whether or not a character such as <c>=</c> is percent-encoded, so compare them unescaped.
    /// </summary>
    private static string Key(string location) => Uri.UnescapeDataString(location);
}

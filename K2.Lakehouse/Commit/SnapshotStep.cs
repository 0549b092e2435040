using K2.Lakehouse.Catalog;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;

namespace K2.Lakehouse.Commit;

/// <summary>
/// The step every commit attempt ends with, whatever it changes: a snapshot on top of the current one (next sequence
/// number, a timestamp after the table's last update), its manifest list written under a name unique to the attempt,
/// and the next metadata listing it. The manifest list is the attempt's own file: a lost race deletes it.
/// </summary>
internal static class SnapshotStep
{
    public static async Task<(TableMetadata Next, string ManifestList)> WriteAsync(
        IWarehouseStorage storage,
        LoadedTable current,
        long snapshotId,
        int attempt,
        IReadOnlyDictionary<string, string> summary,
        IReadOnlyList<ManifestFile> manifests,
        TimeProvider time,
        int metadataLogMaxEntries,
        CancellationToken cancellationToken)
    {
        var metadata = current.Metadata;
        var manifestList = $"{metadata.Location}/metadata/snap-{snapshotId}-{attempt}-{Guid.NewGuid()}.avro";
        var snapshot = new Snapshot(
            snapshotId,
            metadata.CurrentSnapshot?.SnapshotId,
            metadata.LastSequenceNumber + 1,
            TableMetadataUpdates.NextTimestampMs(metadata, time.GetUtcNow().ToUnixTimeMilliseconds()),
            manifestList,
            summary,
            metadata.CurrentSchemaId);
        await ManifestListWriter.WriteAsync(storage, manifestList, snapshot, manifests, cancellationToken);
        return (TableMetadataUpdates.AddSnapshot(metadata, current.MetadataLocation, snapshot, metadataLogMaxEntries), manifestList);
    }
}

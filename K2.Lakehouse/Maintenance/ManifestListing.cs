using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;

namespace K2.Lakehouse.Maintenance;

/// <summary>
/// The manifest-list entry of a manifest a maintenance snapshot wrote: its entries keep their own snapshot ids and
/// sequence numbers (EXISTING or DELETED, never inherited), the manifest itself is added by the new snapshot.
/// </summary>
internal static class ManifestListing
{
    public static ManifestFile For(
        TableMetadata metadata,
        int specId,
        string location,
        long length,
        IReadOnlyList<ManifestEntry> entries,
        long snapshotId,
        long sequenceNumber)
    {
        var existing = entries.Where(e => e.Status == ManifestEntryStatus.Existing).ToList();
        var deleted = entries.Where(e => e.Status == ManifestEntryStatus.Deleted).ToList();
        return new ManifestFile
        {
            Path = location,
            Length = length,
            PartitionSpecId = specId,
            SequenceNumber = sequenceNumber,
            MinSequenceNumber = existing.Count > 0 ? existing.Min(e => e.SequenceNumber ?? sequenceNumber) : sequenceNumber,
            AddedSnapshotId = snapshotId,
            AddedFilesCount = 0,
            ExistingFilesCount = existing.Count,
            DeletedFilesCount = deleted.Count,
            AddedRowsCount = 0,
            ExistingRowsCount = existing.Sum(e => e.DataFile.RecordCount),
            DeletedRowsCount = deleted.Sum(e => e.DataFile.RecordCount),
            Partitions = PartitionSummaries.Summarize(
                metadata.Spec(specId),
                metadata.CurrentSchema,
                entries.Select(e => e.DataFile.Partition).ToList()),
        };
    }
}

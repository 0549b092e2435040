using Avro;
using Avro.Generic;
using K2.Lakehouse.Iceberg.Avro;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;
using static K2.Lakehouse.Iceberg.Avro.AvroRecords;

namespace K2.Lakehouse.Iceberg.Manifests;

/// <summary>Writes a snapshot's manifest list (spec: Manifest Lists), one per commit attempt.</summary>
public static class ManifestListWriter
{
    private static readonly RecordSchema Schema = (RecordSchema)global::Avro.Schema.Parse(ManifestSchemas.ManifestFile);

    public static async Task WriteAsync(
        IWarehouseStorage storage,
        string location,
        Snapshot snapshot,
        IReadOnlyList<ManifestFile> manifests,
        CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["snapshot-id"] = Text(snapshot.SnapshotId),
            ["parent-snapshot-id"] = snapshot.ParentSnapshotId is { } parent ? Text(parent) : "null",
            ["sequence-number"] = Text(snapshot.SequenceNumber),
            ["format-version"] = Text(TableMetadata.SupportedFormatVersion),
        };
        var bytes = AvroContainerWriter.Write(ManifestSchemas.ManifestFile, Schema, metadata, manifests.Select(ToRecord).ToList());
        await using var pending = await storage.CreateAsync(location, cancellationToken);
        await pending.Content.WriteAsync(bytes, cancellationToken);
        await pending.PublishAsync(cancellationToken);
    }

    private static GenericRecord ToRecord(ManifestFile manifest)
    {
        var summarySchema = ItemRecordOf(Schema, "partitions");
        var record = new GenericRecord(Schema);
        record.Add("manifest_path", manifest.Path);
        record.Add("manifest_length", manifest.Length);
        record.Add("partition_spec_id", manifest.PartitionSpecId);
        record.Add("content", (int)manifest.Content);
        record.Add("sequence_number", manifest.SequenceNumber);
        record.Add("min_sequence_number", manifest.MinSequenceNumber);
        record.Add("added_snapshot_id", manifest.AddedSnapshotId);
        record.Add("added_files_count", manifest.AddedFilesCount);
        record.Add("existing_files_count", manifest.ExistingFilesCount);
        record.Add("deleted_files_count", manifest.DeletedFilesCount);
        record.Add("added_rows_count", manifest.AddedRowsCount);
        record.Add("existing_rows_count", manifest.ExistingRowsCount);
        record.Add("deleted_rows_count", manifest.DeletedRowsCount);
        record.Add("partitions", manifest.Partitions.Select(summary =>
        {
            var item = new GenericRecord(summarySchema);
            item.Add("contains_null", summary.ContainsNull);
            item.Add("contains_nan", summary.ContainsNan);
            item.Add("lower_bound", summary.LowerBound);
            item.Add("upper_bound", summary.UpperBound);
            return (object)item;
        }).ToArray());
        record.Add("key_metadata", null);
        return record;
    }

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

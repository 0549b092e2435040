using Avro.Generic;
using K2.Lakehouse.Iceberg.Avro;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Storage;
using static K2.Lakehouse.Iceberg.Avro.AvroRecords;

namespace K2.Lakehouse.Iceberg.Manifests;

/// <summary>
/// Reads a data manifest and applies v2 inheritance (spec: Sequence Number Inheritance): a null snapshot id comes
/// from the manifest's <c>added_snapshot_id</c>, null sequence numbers of ADDED entries from its sequence number.
/// </summary>
public static class ManifestReader
{
    public static async Task<IReadOnlyList<ManifestEntry>> ReadAsync(
        IWarehouseStorage storage,
        ManifestFile manifest,
        TableMetadata table,
        CancellationToken cancellationToken)
    {
        List<GenericRecord> records;
        await using (var content = await storage.OpenReadAsync(manifest.Path, cancellationToken))
        {
            (_, records) = AvroContainerReader.Read(content);
        }

        var spec = table.Spec(manifest.PartitionSpecId);
        var partitionTypes = PartitionTypes.Of(spec, table.CurrentSchema);
        return records.Select(record => ToEntry(record, manifest, spec, partitionTypes)).ToList();
    }

    private static ManifestEntry ToEntry(GenericRecord record, ManifestFile manifest, PartitionSpec spec, IReadOnlyList<PrimitiveType> partitionTypes)
    {
        var status = (ManifestEntryStatus)(int)record["status"];
        var inherits = status == ManifestEntryStatus.Added;
        var sequenceNumber = (long?)Optional(record, "sequence_number") ?? (inherits ? manifest.SequenceNumber : 0);
        var fileSequenceNumber = (long?)Optional(record, "file_sequence_number") ?? (inherits ? manifest.SequenceNumber : 0);
        var snapshotId = (long?)Optional(record, "snapshot_id") ?? manifest.AddedSnapshotId;
        return new ManifestEntry(status, snapshotId, sequenceNumber, fileSequenceNumber, ToDataFile((GenericRecord)record["data_file"], spec, partitionTypes));
    }

    private static DataFile ToDataFile(GenericRecord record, PartitionSpec spec, IReadOnlyList<PrimitiveType> partitionTypes)
    {
        var partitionRecord = (GenericRecord)record["partition"];
        var values = spec.Fields.Select((field, i) => FromAvroPartitionValue(partitionTypes[i], Optional(partitionRecord, field.Name))).ToList();
        return new DataFile
        {
            Location = (string)record["file_path"],
            FileFormat = (string)record["file_format"],
            SpecId = spec.SpecId,
            Partition = new PartitionData(values),
            RecordCount = (long)record["record_count"],
            FileSizeInBytes = (long)record["file_size_in_bytes"],
            ColumnSizes = ReadIntKeyedMap<long>(Optional(record, "column_sizes")),
            ValueCounts = ReadIntKeyedMap<long>(Optional(record, "value_counts")),
            NullValueCounts = ReadIntKeyedMap<long>(Optional(record, "null_value_counts")),
            LowerBounds = ReadIntKeyedMap<byte[]>(Optional(record, "lower_bounds")),
            UpperBounds = ReadIntKeyedMap<byte[]>(Optional(record, "upper_bounds")),
            SplitOffsets = Optional(record, "split_offsets") is IEnumerable<object> offsets ? offsets.Cast<long>().ToList() : [],
            SortOrderId = (int?)Optional(record, "sort_order_id"),
        };
    }

    private static object? FromAvroPartitionValue(PrimitiveType type, object? value) => value switch
    {
        DateTime date when type.Kind == PrimitiveKind.Date => (int)(date.Date - DateTime.UnixEpoch.Date).TotalDays,
        _ => value,
    };
}

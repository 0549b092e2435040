using Avro;
using Avro.Generic;
using K2.Lakehouse.Iceberg.Avro;
using K2.Lakehouse.Iceberg.Json;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Storage;
using static K2.Lakehouse.Iceberg.Avro.AvroRecords;

namespace K2.Lakehouse.Iceberg.Manifests;

/// <summary>Writes v2 data manifests (spec: Manifests, Manifest Metadata).</summary>
public static class ManifestWriter
{
    /// <summary>A manifest of newly added files, whose entries inherit snapshot id and sequence numbers.</summary>
    public static async Task<WrittenManifest> WriteAddedAsync(
        IWarehouseStorage storage,
        string location,
        TableMetadata table,
        IReadOnlyList<DataFile> files,
        CancellationToken cancellationToken)
    {
        var specIds = files.Select(f => f.SpecId).Distinct().ToList();
        if (specIds.Count != 1)
        {
            throw new ArgumentException("A v2 manifest holds files of exactly one partition spec.", nameof(files));
        }

        var spec = table.Spec(specIds[0]);
        var length = await WriteEntriesAsync(storage, location, table, spec.SpecId, files.Select(ManifestEntry.Added).ToList(), cancellationToken);
        return new WrittenManifest(
            location,
            length,
            spec.SpecId,
            files.Count,
            files.Sum(f => f.RecordCount),
            PartitionSummaries.Summarize(spec, table.CurrentSchema, files.Select(f => f.Partition).ToList()));
    }

    /// <summary>
    /// A manifest of entries in any status (a rewrite marks files DELETED and keeps the rest as EXISTING with their
    /// original snapshot id and sequence numbers written out); returns its length in bytes.
    /// </summary>
    public static async Task<long> WriteEntriesAsync(
        IWarehouseStorage storage,
        string location,
        TableMetadata table,
        int specId,
        IReadOnlyList<ManifestEntry> entries,
        CancellationToken cancellationToken)
    {
        var spec = table.Spec(specId);
        if (entries.Any(e => e.DataFile.SpecId != specId))
        {
            throw new ArgumentException("A v2 manifest holds files of exactly one partition spec.", nameof(entries));
        }

        var schema = table.CurrentSchema;
        var schemaJson = ManifestSchemas.ManifestEntry(spec, schema);
        var avroSchema = (RecordSchema)Schema.Parse(schemaJson);
        var partitionTypes = PartitionTypes.Of(spec, schema);
        var records = entries.Select(entry => ToRecord(avroSchema, spec, partitionTypes, entry)).ToList();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["schema"] = SchemaJson.SchemaToString(schema),
            ["schema-id"] = Text(schema.SchemaId),
            ["partition-spec"] = SchemaJson.PartitionFieldsToString(spec),
            ["partition-spec-id"] = Text(spec.SpecId),
            ["format-version"] = Text(TableMetadata.SupportedFormatVersion),
            ["content"] = "data",
        };

        var bytes = AvroContainerWriter.Write(schemaJson, avroSchema, metadata, records);
        await using var pending = await storage.CreateAsync(location, cancellationToken);
        await pending.Content.WriteAsync(bytes, cancellationToken);
        return await pending.PublishAsync(cancellationToken);
    }

    private static GenericRecord ToRecord(RecordSchema schema, PartitionSpec spec, IReadOnlyList<PrimitiveType> partitionTypes, ManifestEntry entry)
    {
        var dataFileSchema = RecordOf(schema, "data_file");
        var file = entry.DataFile;
        var partition = new GenericRecord(RecordOf(dataFileSchema, "partition"));
        for (var i = 0; i < spec.Fields.Count; i++)
        {
            partition.Add(spec.Fields[i].Name, ToAvroPartitionValue(partitionTypes[i], file.Partition[i]));
        }

        var dataFile = new GenericRecord(dataFileSchema);
        dataFile.Add("content", (int)ManifestContent.Data);
        dataFile.Add("file_path", file.Location);
        dataFile.Add("file_format", file.FileFormat);
        dataFile.Add("partition", partition);
        dataFile.Add("record_count", file.RecordCount);
        dataFile.Add("file_size_in_bytes", file.FileSizeInBytes);
        dataFile.Add("column_sizes", IntKeyedMap(ItemRecordOf(dataFileSchema, "column_sizes"), file.ColumnSizes));
        dataFile.Add("value_counts", IntKeyedMap(ItemRecordOf(dataFileSchema, "value_counts"), file.ValueCounts));
        dataFile.Add("null_value_counts", IntKeyedMap(ItemRecordOf(dataFileSchema, "null_value_counts"), file.NullValueCounts));
        dataFile.Add("nan_value_counts", null);
        dataFile.Add("lower_bounds", IntKeyedMap(ItemRecordOf(dataFileSchema, "lower_bounds"), file.LowerBounds));
        dataFile.Add("upper_bounds", IntKeyedMap(ItemRecordOf(dataFileSchema, "upper_bounds"), file.UpperBounds));
        dataFile.Add("key_metadata", null);
        dataFile.Add("split_offsets", file.SplitOffsets.Count == 0 ? null : file.SplitOffsets.Cast<object>().ToArray());
        dataFile.Add("equality_ids", null);
        dataFile.Add("sort_order_id", file.SortOrderId);

        var record = new GenericRecord(schema);
        record.Add("status", (int)entry.Status);
        record.Add("snapshot_id", entry.SnapshotId);
        record.Add("sequence_number", entry.SequenceNumber);
        record.Add("file_sequence_number", entry.FileSequenceNumber);
        record.Add("data_file", dataFile);
        return record;
    }

    /// <summary>Apache.Avro encodes the <c>date</c> logical type from a <see cref="DateTime"/>.</summary>
    private static object? ToAvroPartitionValue(PrimitiveType type, object? value) =>
        type.Kind == PrimitiveKind.Date && value is int days ? DateTime.UnixEpoch.AddDays(days) : value;

    private static string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

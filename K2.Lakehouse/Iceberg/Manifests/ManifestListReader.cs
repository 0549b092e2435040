using Avro.Generic;
using K2.Lakehouse.Iceberg.Avro;
using K2.Lakehouse.Storage;
using static K2.Lakehouse.Iceberg.Avro.AvroRecords;

namespace K2.Lakehouse.Iceberg.Manifests;

/// <summary>Reads a snapshot's manifest list.</summary>
public static class ManifestListReader
{
    public static async Task<IReadOnlyList<ManifestFile>> ReadAsync(IWarehouseStorage storage, string location, CancellationToken cancellationToken)
    {
        await using var content = await storage.OpenReadAsync(location, cancellationToken);
        var (_, records) = AvroContainerReader.Read(content);
        return records.Select(ToManifestFile).ToList();
    }

    private static ManifestFile ToManifestFile(GenericRecord record) => new()
    {
        Path = (string)record["manifest_path"],
        Length = (long)record["manifest_length"],
        PartitionSpecId = (int)record["partition_spec_id"],
        // v1 manifest lists lack the v2 fields; the spec says to read them as 0 / data.
        Content = (ManifestContent)((int?)Optional(record, "content") ?? 0),
        SequenceNumber = (long?)Optional(record, "sequence_number") ?? 0,
        MinSequenceNumber = (long?)Optional(record, "min_sequence_number") ?? 0,
        AddedSnapshotId = (long)record["added_snapshot_id"],
        AddedFilesCount = (int?)Optional(record, "added_files_count") ?? 0,
        ExistingFilesCount = (int?)Optional(record, "existing_files_count") ?? 0,
        DeletedFilesCount = (int?)Optional(record, "deleted_files_count") ?? 0,
        AddedRowsCount = (long?)Optional(record, "added_rows_count") ?? 0,
        ExistingRowsCount = (long?)Optional(record, "existing_rows_count") ?? 0,
        DeletedRowsCount = (long?)Optional(record, "deleted_rows_count") ?? 0,
        Partitions = Optional(record, "partitions") is IEnumerable<object> summaries
            ? summaries.Cast<GenericRecord>().Select(s => new PartitionFieldSummary(
                (bool)s["contains_null"],
                (bool?)Optional(s, "contains_nan"),
                (byte[]?)Optional(s, "lower_bound"),
                (byte[]?)Optional(s, "upper_bound"))).ToList()
            : [],
    };
}

using System.Text.Json;
using K2.Lakehouse.Iceberg.Types;
using static K2.Lakehouse.Iceberg.Avro.AvroSchemaBuilder;

namespace K2.Lakehouse.Iceberg.Avro;

/// <summary>
/// Avro schemas of v2 manifests and manifest lists, with field ids from the spec ("Manifests" and
/// "Manifest Lists"). Record names follow the reference implementation (<c>r2</c>, <c>r102</c>, <c>k117_v118</c>).
/// </summary>
internal static class ManifestSchemas
{
    /// <summary>The <c>manifest_entry</c> schema; the partition record depends on the spec the manifest uses.</summary>
    public static string ManifestEntry(PartitionSpec spec, IcebergSchema schema) => Build(Record("manifest_entry", fields =>
    {
        Field(fields, "status", 0, Primitive("int"));
        OptionalField(fields, "snapshot_id", 1, Primitive("long"));
        OptionalField(fields, "sequence_number", 3, Primitive("long"));
        OptionalField(fields, "file_sequence_number", 4, Primitive("long"));
        Field(fields, "data_file", 2, Record("r2", dataFile =>
        {
            Field(dataFile, "content", 134, Primitive("int"));
            Field(dataFile, "file_path", 100, Primitive("string"));
            Field(dataFile, "file_format", 101, Primitive("string"));
            Field(dataFile, "partition", 102, Record("r102", partition =>
            {
                foreach (var field in spec.Fields)
                {
                    var source = schema.FindField(field.SourceId) ?? throw new InvalidOperationException($"Partition source {field.SourceId} is not in the schema.");
                    OptionalField(partition, field.Name, field.FieldId, PartitionValueType(field.Transform.ResultType(source.Type)));
                }
            }));
            Field(dataFile, "record_count", 103, Primitive("long"));
            Field(dataFile, "file_size_in_bytes", 104, Primitive("long"));
            OptionalField(dataFile, "column_sizes", 108, IntKeyedMap(117, 118, "long"));
            OptionalField(dataFile, "value_counts", 109, IntKeyedMap(119, 120, "long"));
            OptionalField(dataFile, "null_value_counts", 110, IntKeyedMap(121, 122, "long"));
            OptionalField(dataFile, "nan_value_counts", 137, IntKeyedMap(138, 139, "long"));
            OptionalField(dataFile, "lower_bounds", 125, IntKeyedMap(126, 127, "bytes"));
            OptionalField(dataFile, "upper_bounds", 128, IntKeyedMap(129, 130, "bytes"));
            OptionalField(dataFile, "key_metadata", 131, Primitive("bytes"));
            OptionalField(dataFile, "split_offsets", 132, Array(133, Primitive("long")));
            OptionalField(dataFile, "equality_ids", 135, Array(136, Primitive("int")));
            OptionalField(dataFile, "sort_order_id", 140, Primitive("int"));
        }));
    }));

    /// <summary>The v2 <c>manifest_file</c> schema of manifest lists.</summary>
    public static string ManifestFile { get; } = Build(Record("manifest_file", fields =>
    {
        Field(fields, "manifest_path", 500, Primitive("string"));
        Field(fields, "manifest_length", 501, Primitive("long"));
        Field(fields, "partition_spec_id", 502, Primitive("int"));
        Field(fields, "content", 517, Primitive("int"));
        Field(fields, "sequence_number", 515, Primitive("long"));
        Field(fields, "min_sequence_number", 516, Primitive("long"));
        Field(fields, "added_snapshot_id", 503, Primitive("long"));
        Field(fields, "added_files_count", 504, Primitive("int"));
        Field(fields, "existing_files_count", 505, Primitive("int"));
        Field(fields, "deleted_files_count", 506, Primitive("int"));
        Field(fields, "added_rows_count", 512, Primitive("long"));
        Field(fields, "existing_rows_count", 513, Primitive("long"));
        Field(fields, "deleted_rows_count", 514, Primitive("long"));
        OptionalField(fields, "partitions", 507, Array(508, Record("r508", summary =>
        {
            Field(summary, "contains_null", 509, Primitive("boolean"));
            OptionalField(summary, "contains_nan", 518, Primitive("boolean"));
            OptionalField(summary, "lower_bound", 510, Primitive("bytes"));
            OptionalField(summary, "upper_bound", 511, Primitive("bytes"));
        })));
        OptionalField(fields, "key_metadata", 519, Primitive("bytes"));
    }));

    /// <summary>Avro type of a partition value (spec Appendix A): dates as <c>int</c> with the <c>date</c> logical type.</summary>
    private static Action<Utf8JsonWriter> PartitionValueType(IcebergType type) => type switch
    {
        PrimitiveType { Kind: PrimitiveKind.String } => Primitive("string"),
        PrimitiveType { Kind: PrimitiveKind.Date } => Logical("int", "date"),
        PrimitiveType { Kind: PrimitiveKind.Int } => Primitive("int"),
        PrimitiveType { Kind: PrimitiveKind.Long } => Primitive("long"),
        _ => throw new NotSupportedException($"Partition values of type {type} are not supported by K2."),
    };
}

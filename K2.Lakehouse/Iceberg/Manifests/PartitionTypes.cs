using K2.Lakehouse.Iceberg.Types;

namespace K2.Lakehouse.Iceberg.Manifests;

/// <summary>The value type of each partition field of a spec, derived from its source column and transform.</summary>
public static class PartitionTypes
{
    public static IReadOnlyList<PrimitiveType> Of(PartitionSpec spec, IcebergSchema schema) =>
        spec.Fields.Select(field =>
        {
            var source = schema.FindField(field.SourceId) ?? throw new InvalidOperationException($"Partition source column {field.SourceId} is not in schema {schema.SchemaId}.");
            return field.Transform.ResultType(source.Type) as PrimitiveType
                ?? throw new NotSupportedException($"Partition field '{field.Name}' does not produce a primitive value.");
        }).ToList();
}

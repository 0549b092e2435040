using K2.Lakehouse.Iceberg.Types;

namespace K2.Lakehouse.Tables;

/// <summary>Everything needed to create a table: schema, partitioning, sort order and table properties.</summary>
public sealed record TableDefinition(
    IcebergSchema Schema,
    PartitionSpec Spec,
    SortOrder SortOrder,
    IReadOnlyDictionary<string, string> Properties);

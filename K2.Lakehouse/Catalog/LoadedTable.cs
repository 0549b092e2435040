using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Tables;

namespace K2.Lakehouse.Catalog;

/// <summary>A table's metadata together with the location it was read from (the commit's compare value).</summary>
public sealed record LoadedTable(TableIdentifier Identifier, string MetadataLocation, TableMetadata Metadata);

public sealed class NoSuchTableException(TableIdentifier table)
    : Exception($"Table {table} does not exist in the catalog.")
{
    public TableIdentifier Table { get; } = table;
}

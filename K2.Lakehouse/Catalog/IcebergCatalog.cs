using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;

namespace K2.Lakehouse.Catalog;

/// <summary>
/// Creates and loads tables. Table locations follow the JDBC catalog convention
/// <c>&lt;warehouse&gt;/&lt;namespace&gt;/&lt;table&gt;</c>.
/// </summary>
public sealed class IcebergCatalog(SqlCatalogStore store, MetadataFileStore metadataFiles, IWarehouseStorage storage, TimeProvider time)
{
    public Task InitializeAsync(CancellationToken cancellationToken) => store.EnsureSchemaAsync(cancellationToken);

    public Task CreateNamespaceAsync(string ns, CancellationToken cancellationToken) => store.EnsureNamespaceAsync(ns, cancellationToken);

    /// <summary>
    /// Creates the table, or loads it when it already exists. Race-safe: concurrent creators each write their own
    /// first metadata file, exactly one registers it, and the others discard theirs and load the winner's.
    /// </summary>
    public async Task<LoadedTable> CreateTableAsync(TableIdentifier table, TableDefinition definition, CancellationToken cancellationToken)
    {
        if (await store.GetMetadataLocationAsync(table, cancellationToken) is not null)
        {
            return await LoadTableAsync(table, cancellationToken);
        }

        await store.EnsureNamespaceAsync(table.Namespace, cancellationToken);
        var metadata = TableMetadataUpdates.NewTable(
            Guid.NewGuid(),
            $"{storage.RootLocation}/{table.Namespace}/{table.Name}",
            definition.Schema,
            definition.Spec,
            definition.SortOrder,
            definition.Properties,
            time.GetUtcNow().ToUnixTimeMilliseconds());
        var location = await metadataFiles.WriteAsync(metadata, 0, cancellationToken);
        if (await store.TryInsertAsync(table, location, cancellationToken))
        {
            return new LoadedTable(table, location, metadata);
        }

        await metadataFiles.DeleteQuietlyAsync(location);
        return await LoadTableAsync(table, cancellationToken);
    }

    public async Task<LoadedTable> LoadTableAsync(TableIdentifier table, CancellationToken cancellationToken)
    {
        var location = await store.GetMetadataLocationAsync(table, cancellationToken) ?? throw new NoSuchTableException(table);
        return new LoadedTable(table, location, await metadataFiles.ReadAsync(location, cancellationToken));
    }
}

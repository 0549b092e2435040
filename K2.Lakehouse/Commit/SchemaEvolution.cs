using K2.Lakehouse.Catalog;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Tables;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Commit;

/// <summary>
/// Schema changes (spec: Schema Evolution). Adding an optional column is always safe for existing files: they do
/// not contain the new field id, so readers return null for it.
/// </summary>
public sealed class SchemaEvolution(
    IcebergCatalog catalog,
    SqlCatalogStore store,
    MetadataFileStore metadataFiles,
    IOptions<LakehouseOptions> options,
    TimeProvider time)
{
    private readonly MetadataCommitLoop _loop = new(catalog, store, metadataFiles, options, time);
    private readonly LakehouseOptions _options = options.Value;

    /// <summary>
    /// Adds an optional primitive column with the next free field id as a new current schema. Idempotent: if the
    /// column already exists with that type, nothing changes. The change is re-derived on every attempt, so it
    /// rebases over concurrent appends and over other columns being added meanwhile.
    /// </summary>
    public async Task<LoadedTable> AddColumnAsync(TableIdentifier table, string name, PrimitiveType type, string? doc, CancellationToken cancellationToken)
    {
        var outcome = await _loop.RunAsync(table, (current, _, _) =>
        {
            var metadata = current.Metadata;
            if (metadata.CurrentSchema.FindField(name) is { } existing)
            {
                return existing.Type == type && !existing.Required
                    ? Task.FromResult<PreparedUpdate?>(null)
                    : throw new InvalidOperationException($"Table {table} already has a column '{name}' of type {existing.Type}.");
            }

            var field = NestedField.Optional(metadata.LastColumnId + 1, name, type, doc);
            var schema = new IcebergSchema(metadata.Schemas.Max(s => s.SchemaId) + 1, [.. metadata.CurrentSchema.Fields, field]);
            var next = TableMetadataUpdates.AddSchema(metadata, current.MetadataLocation, schema, time.GetUtcNow().ToUnixTimeMilliseconds(), _options.MetadataLogMaxEntries);
            return Task.FromResult<PreparedUpdate?>(new PreparedUpdate(next, []));
        }, cancellationToken);
        return outcome.Table;
    }
}

using K2.Lakehouse.Configuration;
using K2.Lakehouse.Tables;
using Microsoft.Extensions.Options;
using Npgsql;

namespace K2.Lakehouse.Catalog;

/// <summary>
/// The table pointers in PostgreSQL: which metadata file is current for each table. This is the only mutable
/// state of a table; everything else is immutable files.
/// </summary>
public sealed class SqlCatalogStore(NpgsqlDataSource dataSource, IOptions<LakehouseOptions> options)
{
    private readonly string _catalog = options.Value.CatalogName;

    /// <summary>Creates the catalog tables if they are missing; safe to call from every process on start.</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var sql in new[] { CatalogSql.LockSchema, CatalogSql.CreateTables, CatalogSql.CreateNamespaceProperties })
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task EnsureNamespaceAsync(string ns, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CatalogSql.InsertNamespace);
        command.Parameters.AddWithValue("catalog", _catalog);
        command.Parameters.AddWithValue("namespace", ns);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string?> GetMetadataLocationAsync(TableIdentifier table, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CatalogSql.SelectMetadataLocation);
        AddTable(command, table);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <summary>Registers a new table; false when another creator registered it first.</summary>
    public async Task<bool> TryInsertAsync(TableIdentifier table, string metadataLocation, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CatalogSql.InsertTable);
        AddTable(command, table);
        command.Parameters.AddWithValue("location", metadataLocation);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    /// <summary>Compare-and-swap of the metadata pointer; false means another commit won and the caller must rebase.</summary>
    public async Task<bool> TrySwapAsync(TableIdentifier table, string expected, string next, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(CatalogSql.SwapMetadataLocation);
        AddTable(command, table);
        command.Parameters.AddWithValue("expected", expected);
        command.Parameters.AddWithValue("next", next);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private void AddTable(NpgsqlCommand command, TableIdentifier table)
    {
        command.Parameters.AddWithValue("catalog", _catalog);
        command.Parameters.AddWithValue("namespace", table.Namespace);
        command.Parameters.AddWithValue("table", table.Name);
    }
}

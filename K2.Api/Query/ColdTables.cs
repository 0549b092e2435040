using K2.Lakehouse.Catalog;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using Npgsql;

namespace K2.Api.Query;

/// <summary>
/// The cold side's table state for one query: the table's metadata and the snapshot the request selects. A table
/// that does not exist yet (nothing flushed, or no catalog tables at all) reads as empty, not as an error; a time
/// travel request for a snapshot the table never had is a 404.
/// </summary>
public sealed class ColdTables(IcebergCatalog catalog)
{
    private const string UndefinedTable = "42P01";

    public async Task<ColdState> ResolveAsync(TableIdentifier table, SnapshotSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var metadata = await LoadAsync(table, cancellationToken);
        if (metadata is null)
        {
            return selection == SnapshotSelection.Current ? new ColdState(null, null) : throw NoSuchSnapshot(table, "the table has no snapshots yet");
        }

        try
        {
            return new ColdState(metadata, selection.Resolve(metadata));
        }
        catch (Exception exception) when (exception is KeyNotFoundException or InvalidOperationException)
        {
            throw NoSuchSnapshot(table, exception.Message);
        }
    }

    public async Task<TableMetadata?> LoadAsync(TableIdentifier table, CancellationToken cancellationToken)
    {
        try
        {
            return (await catalog.LoadTableAsync(table, cancellationToken)).Metadata;
        }
        catch (NoSuchTableException)
        {
            return null;
        }
        catch (PostgresException exception) when (exception.SqlState == UndefinedTable)
        {
            return null; // the catalog's own tables are created by the first writer
        }
    }

    private static ApiException NoSuchSnapshot(TableIdentifier table, string why) =>
        new(StatusCodes.Status404NotFound, "unknown_snapshot", $"No snapshot of {table} matches the request: {why}");
}

/// <summary>The metadata (null: no table) and the selected snapshot (null: no data) a query reads.</summary>
public sealed record ColdState(TableMetadata? Metadata, Snapshot? Snapshot)
{
    public SnapshotSelection Selection => Snapshot is { } snapshot ? SnapshotSelection.ById(snapshot.SnapshotId) : SnapshotSelection.Current;
}

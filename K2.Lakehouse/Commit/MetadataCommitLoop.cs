using K2.Lakehouse.Catalog;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Tables;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Commit;

/// <summary>What one attempt wants to commit, plus the files it wrote that are only valid for this attempt.</summary>
internal sealed record PreparedUpdate(TableMetadata Metadata, IReadOnlyList<string> AttemptFiles);

/// <summary>The end of a commit loop: the table after it, whether anything was committed, and how many attempts it took.</summary>
internal sealed record CommitLoopOutcome(LoadedTable Table, bool Committed, int Attempts);

/// <summary>
/// Optimistic concurrency (spec: Optimistic Concurrency, Metastore Tables): read the current metadata, derive the
/// next version from it, write that as a new file, and swap the catalog pointer only if it still points at what was
/// read. When the swap loses, the attempt's files are deleted and the loop starts again from the new current
/// metadata, so every change is re-derived from, and re-validated against, the latest table state.
/// </summary>
internal sealed class MetadataCommitLoop(
    IcebergCatalog catalog,
    SqlCatalogStore store,
    MetadataFileStore metadataFiles,
    IOptions<LakehouseOptions> options,
    TimeProvider time)
{
    private readonly LakehouseOptions _options = options.Value;

    /// <param name="table">The table to change.</param>
    /// <param name="prepare">Builds the next metadata from the current table for attempt n (1-based); null means "nothing to commit".</param>
    /// <param name="cancellationToken">Stops the loop between attempts.</param>
    public async Task<CommitLoopOutcome> RunAsync(
        TableIdentifier table,
        Func<LoadedTable, int, CancellationToken, Task<PreparedUpdate?>> prepare,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await catalog.LoadTableAsync(table, cancellationToken);
            var prepared = await prepare(current, attempt, cancellationToken);
            if (prepared is null)
            {
                return new CommitLoopOutcome(current, Committed: false, attempt);
            }

            var version = NextVersion(current);
            var next = await metadataFiles.WriteAsync(prepared.Metadata, version, cancellationToken);
            bool swapped;
            try
            {
                swapped = await store.TrySwapAsync(table, current.MetadataLocation, next, cancellationToken);
            }
            catch (Exception exception)
            {
                throw new CommitStateUnknownException(table, next, exception);
            }

            if (swapped)
            {
                return new CommitLoopOutcome(new LoadedTable(table, next, prepared.Metadata), Committed: true, attempt);
            }

            await metadataFiles.DeleteQuietlyAsync(next);
            foreach (var file in prepared.AttemptFiles)
            {
                await metadataFiles.DeleteQuietlyAsync(file);
            }

            if (attempt >= _options.CommitMaxAttempts)
            {
                throw new CommitFailedException(table, attempt);
            }

            await Task.Delay(CommitBackoff.Delay(_options, attempt), time, cancellationToken);
        }
    }

    private static int NextVersion(LoadedTable current)
    {
        var version = MetadataFileNames.VersionOf(current.MetadataLocation);
        return (version >= 0 ? version : current.Metadata.MetadataLog.Count) + 1;
    }
}

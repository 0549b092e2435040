using K2.Lakehouse.Bars;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Maintenance;

/// <summary>
/// Merges the small files of a partition into target-size files sorted by the table's sort order, one
/// <c>replace</c> commit per partition. The rows are read from the files, checked to be exactly as many as the
/// manifests say, written with the table's writer, and committed through <see cref="RewriteCommitter"/>; new
/// files of a rewrite that does not commit are deleted again.
/// </summary>
public sealed class Compactor(
    IcebergCatalog catalog,
    IWarehouseStorage storage,
    DataFileWriter writer,
    RewriteCommitter committer,
    IOptions<LakehouseOptions> lakehouseOptions,
    IOptions<MaintenanceOptions> maintenanceOptions)
{
    private readonly LakehouseOptions _lakehouse = lakehouseOptions.Value;
    private readonly MaintenanceOptions _options = maintenanceOptions.Value;

    /// <summary>Compacts every partition of the current snapshot that has too many small files.</summary>
    public async Task<IReadOnlyList<CompactionResult>> CompactAsync(TableIdentifier table, CancellationToken cancellationToken)
    {
        var loaded = await catalog.LoadTableAsync(table, cancellationToken);
        var results = new List<CompactionResult>();
        foreach (var group in await PlanAsync(loaded.Metadata, cancellationToken))
        {
            results.Add(await CompactAsync(table, group, cancellationToken));
        }

        return results;
    }

    /// <summary>The partitions of the current snapshot worth compacting, and their files to rewrite.</summary>
    public async Task<IReadOnlyList<CompactionGroup>> PlanAsync(TableMetadata metadata, CancellationToken cancellationToken)
    {
        if (metadata.CurrentSnapshot is not { } snapshot)
        {
            return [];
        }

        var contents = await ManifestContents.ReadAsync(storage, metadata, snapshot, cancellationToken);
        return CompactionPlanner.Plan(
            contents.SelectMany(c => c.LiveEntries).Select(e => e.DataFile),
            metadata.DefaultSpecId,
            _lakehouse.TargetFileSizeBytes,
            _lakehouse.TargetFileRows,
            _options);
    }

    /// <summary>Rewrites one group's files and commits the result.</summary>
    public Task<CompactionResult> CompactAsync(TableIdentifier table, CompactionGroup group, CancellationToken cancellationToken) =>
        CompactAsync(table, group, beforeSwap: null, cancellationToken);

    /// <param name="table">The table.</param>
    /// <param name="group">The files to merge.</param>
    /// <param name="beforeSwap">Test seam, see <see cref="RewriteCommitter"/>.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    internal async Task<CompactionResult> CompactAsync(
        TableIdentifier table,
        CompactionGroup group,
        Func<int, CancellationToken, Task>? beforeSwap,
        CancellationToken cancellationToken)
    {
        var metadata = (await catalog.LoadTableAsync(table, cancellationToken)).Metadata;
        var paths = group.Files.Select(f => storage.ResolveForQueryEngine(f.Location)).ToList();
        var rows = await DataFileRows.ReadAsync(paths, metadata.CurrentSchema, _lakehouse, cancellationToken);
        if (rows.Count != group.Records)
        {
            throw new InvalidDataException($"Partition {group.Partition} of {table}: manifests record {group.Records} rows, the files hold {rows.Count}; not rewriting.");
        }

        var written = await writer.WriteAsync(metadata, rows, DataFileRows.Layout(metadata.CurrentSchema), cancellationToken);
        try
        {
            if (written.Sum(f => f.RecordCount) != group.Records || written.Any(f => !f.Partition.Equals(group.Partition)))
            {
                throw new InvalidDataException($"Partition {group.Partition} of {table}: the rewritten files do not hold the same rows in the same partition.");
            }

            var result = await committer.CommitRewriteAsync(table, group.Files, written, _options.InheritedSummaryPrefix, beforeSwap, cancellationToken);
            if (result.Status == RewriteCommitStatus.Aborted)
            {
                await DeleteAsync(written);
            }

            return new CompactionResult(group.Partition, result.Status, result.SnapshotId, group.Files.Count, written.Count, group.Records, result.Attempts);
        }
        catch (Exception exception) when (exception is not CommitStateUnknownException)
        {
            // Not referenced by any snapshot; an unknown commit state keeps them because they may now be live.
            await DeleteAsync(written);
            throw;
        }
    }

    private async Task DeleteAsync(IReadOnlyList<DataFile> files)
    {
        foreach (var file in files)
        {
            try
            {
                await storage.DeleteAsync(file.Location, CancellationToken.None);
                await storage.DeleteAsync(BarSidecar.LocationFor(file.Location), CancellationToken.None);
            }
            catch (IOException)
            {
                // Unreferenced either way; orphan-file removal takes it once it is old enough.
            }
        }
    }
}

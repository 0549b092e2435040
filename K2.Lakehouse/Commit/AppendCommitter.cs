using K2.Lakehouse.Catalog;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Diagnostics;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Commit;

/// <summary>
/// Commits data files as a fast append (spec: "fast append"): one new manifest for the new files, and a manifest
/// list holding it plus every manifest of the current snapshot as they are. On a conflict the append is rebased:
/// the same manifest (its entries inherit snapshot id and sequence numbers) is listed on top of the new current
/// snapshot with the next sequence number.
/// </summary>
public sealed class AppendCommitter
{
    private readonly MetadataCommitLoop _loop;
    private readonly IWarehouseStorage _storage;
    private readonly MetadataFileStore _metadataFiles;
    private readonly LakehouseOptions _options;
    private readonly TimeProvider _time;

    public AppendCommitter(
        IcebergCatalog catalog,
        SqlCatalogStore store,
        MetadataFileStore metadataFiles,
        IWarehouseStorage storage,
        IOptions<LakehouseOptions> options,
        TimeProvider time)
    {
        _loop = new MetadataCommitLoop(catalog, store, metadataFiles, options, time);
        _storage = storage;
        _metadataFiles = metadataFiles;
        _options = options.Value;
        _time = time;
    }

    /// <summary>Appends <paramref name="files"/> to <paramref name="table"/> as one new snapshot.</summary>
    /// <param name="table">The table to append to.</param>
    /// <param name="files">Data files written for this table (see <c>DataFileWriter</c>); may be empty to record progress only.</param>
    /// <param name="summaryProperties">Extra snapshot summary entries, e.g. the Kafka offsets this append covers.</param>
    /// <param name="stillNeeded">
    /// Evaluated against the latest metadata before every attempt, including after a conflict; returning false
    /// skips the commit (e.g. because a snapshot already records these Kafka offsets).
    /// </param>
    /// <param name="cancellationToken">Cancels between steps; a cancel during the pointer swap surfaces as <see cref="CommitStateUnknownException"/>.</param>
    public Task<AppendCommitResult> CommitAppendAsync(
        TableIdentifier table,
        IReadOnlyList<DataFile> files,
        IReadOnlyDictionary<string, string> summaryProperties,
        Func<TableMetadata, bool> stillNeeded,
        CancellationToken cancellationToken)
    {
        ThrowIfReserved(summaryProperties);
        return CommitAppendAsync(table, files, metadata => stillNeeded(metadata) ? summaryProperties : null, cancellationToken);
    }

    /// <summary>
    /// Appends <paramref name="files"/> with summary properties computed from the latest metadata on every attempt,
    /// so they can build on what the parent snapshot recorded (e.g. merge Kafka offsets of other writers).
    /// </summary>
    /// <param name="table">The table to append to.</param>
    /// <param name="files">Data files written for this table; may be empty to record progress only.</param>
    /// <param name="summaryFor">Extra summary entries for a commit on top of the given metadata, or null to skip the commit.</param>
    /// <param name="cancellationToken">Cancels between steps; a cancel during the pointer swap surfaces as <see cref="CommitStateUnknownException"/>.</param>
    public async Task<AppendCommitResult> CommitAppendAsync(
        TableIdentifier table,
        IReadOnlyList<DataFile> files,
        Func<TableMetadata, IReadOnlyDictionary<string, string>?> summaryFor,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(summaryFor);

        using var span = LakehouseTracing.Source.StartActivity(LakehouseTracing.CommitSpanName);
        span?.SetTag("k2.iceberg.table", table.ToString());
        span?.SetTag("k2.iceberg.data_files", files.Count);
        WrittenManifest? manifest = null;
        long? snapshotId = null;
        try
        {
            var outcome = await _loop.RunAsync(table, async (current, attempt, token) =>
            {
                var metadata = current.Metadata;
                if (summaryFor(metadata) is not { } summaryProperties)
                {
                    return null;
                }

                ThrowIfReserved(summaryProperties);

                if (files.Count > 0)
                {
                    manifest ??= await ManifestWriter.WriteAddedAsync(_storage, $"{metadata.Location}/metadata/{Guid.NewGuid()}-m0.avro", metadata, files, token);
                }

                if (snapshotId is not { } id || metadata.Snapshots.Any(s => s.SnapshotId == id))
                {
                    snapshotId = SnapshotIds.New(metadata);
                }

                return await PrepareAsync(current, manifest, snapshotId.Value, attempt, files, summaryProperties, token);
            }, cancellationToken);

            if (!outcome.Committed && manifest is not null)
            {
                await _metadataFiles.DeleteQuietlyAsync(manifest.Path);
            }

            span?.SetTag("k2.iceberg.committed", outcome.Committed);
            span?.SetTag("k2.iceberg.attempts", outcome.Attempts);
            if (outcome.Committed)
            {
                span?.SetTag("k2.iceberg.snapshot_id", snapshotId);
            }

            return new AppendCommitResult(
                outcome.Committed ? AppendCommitStatus.Committed : AppendCommitStatus.Skipped,
                outcome.Committed ? snapshotId : null,
                outcome.Table,
                outcome.Attempts);
        }
        catch (Exception exception) when (Failed(span, exception) && exception is not CommitStateUnknownException && manifest is not null)
        {
            // Nothing references the manifest unless a pointer swap might have succeeded (the unknown-state case).
            await _metadataFiles.DeleteQuietlyAsync(manifest.Path);
            throw;
        }
    }

    /// <summary>Marks the span failed from an exception filter, so every failure is marked, caught or not; returns true.</summary>
    private static bool Failed(System.Diagnostics.Activity? span, Exception exception)
    {
        span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, exception.Message);
        return true;
    }

    private static void ThrowIfReserved(IReadOnlyDictionary<string, string> summaryProperties)
    {
        foreach (var key in summaryProperties.Keys.Where(SnapshotSummary.IsReserved))
        {
            throw new ArgumentException($"Snapshot summary key '{key}' is computed by the committer.", nameof(summaryProperties));
        }
    }

    private async Task<PreparedUpdate> PrepareAsync(
        LoadedTable current,
        WrittenManifest? manifest,
        long snapshotId,
        int attempt,
        IReadOnlyList<DataFile> files,
        IReadOnlyDictionary<string, string> summaryProperties,
        CancellationToken cancellationToken)
    {
        var metadata = current.Metadata;
        var parent = metadata.CurrentSnapshot;
        var sequenceNumber = metadata.LastSequenceNumber + 1;
        var existing = parent is null ? [] : await ManifestListReader.ReadAsync(_storage, parent.ManifestList, cancellationToken);
        var manifests = manifest is null ? existing.ToList() : [manifest.ForCommit(sequenceNumber, snapshotId), .. existing];

        var summary = SnapshotSummary.ForAppend(
            parent,
            files.Count,
            files.Sum(f => f.RecordCount),
            files.Sum(f => f.FileSizeInBytes),
            files.Select(f => f.Partition).Distinct().Count(),
            summaryProperties);
        var (next, manifestList) = await SnapshotStep.WriteAsync(_storage, current, snapshotId, attempt, summary, manifests, _time, _options.MetadataLogMaxEntries, cancellationToken);
        return new PreparedUpdate(next, [manifestList]);
    }
}

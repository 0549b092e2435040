using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Maintenance;

/// <summary>
/// Commits a rewrite of data files as a <c>replace</c> snapshot (spec: operation "replace", the Java RewriteFiles
/// action): the replaced files are marked DELETED in rewritten copies of the manifests that held them, the other
/// entries of those manifests stay EXISTING with their original snapshot ids and sequence numbers, manifests without
/// replaced files are carried over unchanged, and one new manifest adds the new files.
/// <para>
/// Every attempt starts from the latest table state. Appends that landed since the rewrite was planned are kept
/// (their manifests are carried over like any other); if a file to be replaced is no longer live, someone else has
/// removed it and committing would resurrect or double rows, so the rewrite is aborted instead.
/// </para>
/// </summary>
public sealed class RewriteCommitter
{
    private readonly MetadataCommitLoop _loop;
    private readonly IWarehouseStorage _storage;
    private readonly MetadataFileStore _metadataFiles;
    private readonly LakehouseOptions _options;
    private readonly TimeProvider _time;

    public RewriteCommitter(
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

    /// <summary>Replaces <paramref name="replaced"/> with <paramref name="added"/> in one snapshot.</summary>
    /// <param name="table">The table to change.</param>
    /// <param name="replaced">Live data files of the current snapshot that the new files take the place of.</param>
    /// <param name="added">Data files already written for this table, holding the same rows.</param>
    /// <param name="inheritedSummaryPrefix">Parent summary properties with this prefix are copied into the new snapshot.</param>
    /// <param name="cancellationToken">Cancels between steps; a cancel during the pointer swap surfaces as <see cref="CommitStateUnknownException"/>.</param>
    public Task<RewriteCommitResult> CommitRewriteAsync(
        TableIdentifier table,
        IReadOnlyList<DataFile> replaced,
        IReadOnlyList<DataFile> added,
        string inheritedSummaryPrefix,
        CancellationToken cancellationToken) =>
        CommitRewriteAsync(table, replaced, added, inheritedSummaryPrefix, beforeSwap: null, cancellationToken);

    /// <param name="table">The table to change.</param>
    /// <param name="replaced">Live data files to replace.</param>
    /// <param name="added">The new data files.</param>
    /// <param name="inheritedSummaryPrefix">Prefix of parent summary properties to copy.</param>
    /// <param name="beforeSwap">Runs after an attempt is prepared and before its pointer swap: lets tests land a rival commit exactly there.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    internal async Task<RewriteCommitResult> CommitRewriteAsync(
        TableIdentifier table,
        IReadOnlyList<DataFile> replaced,
        IReadOnlyList<DataFile> added,
        string inheritedSummaryPrefix,
        Func<int, CancellationToken, Task>? beforeSwap,
        CancellationToken cancellationToken)
    {
        if (replaced.Count == 0)
        {
            throw new ArgumentException("A rewrite replaces at least one file.", nameof(replaced));
        }

        WrittenManifest? manifest = null;
        long? snapshotId = null;
        List<string> missing = [];
        var read = new Dictionary<string, ManifestContents>(StringComparer.Ordinal);
        try
        {
            var outcome = await _loop.RunAsync(table, async (current, attempt, token) =>
            {
                var metadata = current.Metadata;
                var contents = metadata.CurrentSnapshot is { } parent
                    ? await ManifestContents.ReadAsync(_storage, metadata, parent, token, read)
                    : [];
                var live = contents.SelectMany(c => c.LiveEntries).Select(e => e.DataFile.Location).ToHashSet(StringComparer.Ordinal);
                missing = replaced.Select(f => f.Location).Where(location => !live.Contains(location)).ToList();
                if (missing.Count > 0)
                {
                    return null;
                }

                if (added.Count > 0)
                {
                    manifest ??= await ManifestWriter.WriteAddedAsync(_storage, $"{metadata.Location}/metadata/{Guid.NewGuid()}-m0.avro", metadata, added, token);
                }

                if (snapshotId is not { } id || metadata.Snapshots.Any(s => s.SnapshotId == id))
                {
                    snapshotId = SnapshotIds.New(metadata);
                }

                var prepared = await PrepareAsync(current, contents, manifest, snapshotId.Value, attempt, replaced, added, inheritedSummaryPrefix, token);
                if (beforeSwap is not null)
                {
                    await beforeSwap(attempt, token);
                }

                return prepared;
            }, cancellationToken);

            if (!outcome.Committed)
            {
                if (manifest is not null)
                {
                    await _metadataFiles.DeleteQuietlyAsync(manifest.Path);
                }

                return new RewriteCommitResult(RewriteCommitStatus.Aborted, null, outcome.Table, outcome.Attempts, missing);
            }

            return new RewriteCommitResult(RewriteCommitStatus.Committed, snapshotId, outcome.Table, outcome.Attempts, []);
        }
        catch (Exception exception) when (exception is not CommitStateUnknownException && manifest is not null)
        {
            // Nothing references the manifest unless a pointer swap might have succeeded (the unknown-state case).
            await _metadataFiles.DeleteQuietlyAsync(manifest.Path);
            throw;
        }
    }

    private async Task<PreparedUpdate> PrepareAsync(
        LoadedTable current,
        IReadOnlyList<ManifestContents> contents,
        WrittenManifest? manifest,
        long snapshotId,
        int attempt,
        IReadOnlyList<DataFile> replaced,
        IReadOnlyList<DataFile> added,
        string inheritedSummaryPrefix,
        CancellationToken cancellationToken)
    {
        var metadata = current.Metadata;
        var parent = metadata.CurrentSnapshot!;
        var sequenceNumber = metadata.LastSequenceNumber + 1;
        var replacedLocations = replaced.Select(f => f.Location).ToHashSet(StringComparer.Ordinal);
        var attemptFiles = new List<string>();
        var manifests = new List<ManifestFile>();
        if (manifest is not null)
        {
            manifests.Add(manifest.ForCommit(sequenceNumber, snapshotId));
        }

        foreach (var content in contents)
        {
            if (!content.LiveEntries.Any(e => replacedLocations.Contains(e.DataFile.Location)))
            {
                manifests.Add(content.Manifest);
                continue;
            }

            var location = $"{metadata.Location}/metadata/{Guid.NewGuid()}-m{attemptFiles.Count + 1}.avro";
            attemptFiles.Add(location);
            manifests.Add(await RewriteManifestAsync(metadata, content, location, replacedLocations, snapshotId, sequenceNumber, cancellationToken));
        }

        var summary = SnapshotSummary.ForReplace(
            parent,
            (added.Count, added.Sum(f => f.RecordCount), added.Sum(f => f.FileSizeInBytes)),
            (replaced.Count, replaced.Sum(f => f.RecordCount), replaced.Sum(f => f.FileSizeInBytes)),
            replaced.Concat(added).Select(f => f.Partition).Distinct().Count(),
            InheritedSummary.From(parent, inheritedSummaryPrefix));
        var (next, manifestList) = await SnapshotStep.WriteAsync(_storage, current, snapshotId, attempt, summary, manifests, _time, _options.MetadataLogMaxEntries, cancellationToken);
        attemptFiles.Add(manifestList);
        return new PreparedUpdate(next, attemptFiles);
    }

    /// <summary>
    /// A copy of a manifest for this snapshot: replaced files DELETED (stamped with this snapshot's id, keeping their
    /// data sequence numbers), the others EXISTING as they were. DELETED entries of earlier snapshots are dropped:
    /// they only describe the snapshot that wrote them.
    /// </summary>
    private async Task<ManifestFile> RewriteManifestAsync(
        TableMetadata metadata,
        ManifestContents content,
        string location,
        HashSet<string> replacedLocations,
        long snapshotId,
        long sequenceNumber,
        CancellationToken cancellationToken)
    {
        var entries = content.LiveEntries
            .Select(e => replacedLocations.Contains(e.DataFile.Location)
                ? e with { Status = ManifestEntryStatus.Deleted, SnapshotId = snapshotId }
                : e with { Status = ManifestEntryStatus.Existing })
            .ToList();
        var length = await ManifestWriter.WriteEntriesAsync(_storage, location, metadata, content.Manifest.PartitionSpecId, entries, cancellationToken);
        return ManifestListing.For(metadata, content.Manifest.PartitionSpecId, location, length, entries, snapshotId, sequenceNumber);
    }
}

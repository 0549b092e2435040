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
/// Merges small manifests into few large ones (the Java RewriteManifests action, snapshot operation
/// <c>replace</c> with no data change). Flushes are fast appends, one new manifest each; merging keeps the manifest
/// list short so planning, compaction and expiry read a few manifests instead of one per flush ever made.
/// <para>
/// The live entries of every small manifest are sorted by partition and cut into manifests of
/// <see cref="MaintenanceOptions.ManifestTargetEntries"/>, so each new manifest covers a narrow partition range and the
/// manifest list's partition summaries still prune by day. Entries keep their snapshot ids and sequence numbers
/// (time travel and incremental readers see the same history); manifests with no live entry left (after compaction)
/// are dropped. The merged manifests are written once; every commit attempt re-reads the table, keeps whatever
/// appends landed meanwhile, and aborts if a merged-away manifest is no longer listed (someone rewrote it).
/// </para>
/// </summary>
public sealed class ManifestMerger
{
    private readonly IcebergCatalog _catalog;
    private readonly MetadataCommitLoop _loop;
    private readonly IWarehouseStorage _storage;
    private readonly MetadataFileStore _metadataFiles;
    private readonly LakehouseOptions _lakehouse;
    private readonly MaintenanceOptions _options;
    private readonly TimeProvider _time;

    public ManifestMerger(
        IcebergCatalog catalog,
        SqlCatalogStore store,
        MetadataFileStore metadataFiles,
        IWarehouseStorage storage,
        IOptions<LakehouseOptions> lakehouse,
        IOptions<MaintenanceOptions> options,
        TimeProvider time)
    {
        _catalog = catalog;
        _loop = new MetadataCommitLoop(catalog, store, metadataFiles, lakehouse, time);
        _storage = storage;
        _metadataFiles = metadataFiles;
        _lakehouse = lakehouse.Value;
        _options = options.Value;
        _time = time;
    }

    /// <summary>Merges the current snapshot's small manifests when there are enough of them.</summary>
    public Task<ManifestMergeResult> MergeAsync(TableIdentifier table, CancellationToken cancellationToken) =>
        MergeAsync(table, beforeSwap: null, cancellationToken);

    /// <param name="table">The table.</param>
    /// <param name="beforeSwap">Runs after an attempt is prepared and before its pointer swap: lets tests land a rival commit exactly there.</param>
    /// <param name="cancellationToken">Cancels between steps.</param>
    internal async Task<ManifestMergeResult> MergeAsync(
        TableIdentifier table,
        Func<int, CancellationToken, Task>? beforeSwap,
        CancellationToken cancellationToken)
    {
        var loaded = await _catalog.LoadTableAsync(table, cancellationToken);
        if (loaded.Metadata.CurrentSnapshot is not { } planned)
        {
            return new ManifestMergeResult(ManifestMergeStatus.NotNeeded, null, 0, 0, 0, 0, 0);
        }

        var contents = await ManifestContents.ReadAsync(_storage, loaded.Metadata, planned, cancellationToken);
        var small = contents.Where(c => c.LiveEntries.Count() < _options.ManifestTargetEntries / 2).ToList();
        if (small.Count < _options.ManifestMergeMinCount)
        {
            return new ManifestMergeResult(ManifestMergeStatus.NotNeeded, null, contents.Count, 0, 0, 0, 0);
        }

        var merged = await WriteMergedAsync(loaded.Metadata, small, cancellationToken);
        var replaced = small.Select(c => c.Manifest.Path).ToHashSet(StringComparer.Ordinal);
        var entries = merged.Sum(m => (long)m.Entries.Count);
        long? snapshotId = null;
        try
        {
            var outcome = await _loop.RunAsync(table, async (current, attempt, token) =>
            {
                var metadata = current.Metadata;
                var parent = metadata.CurrentSnapshot!;
                var listed = await ManifestListReader.ReadAsync(_storage, parent.ManifestList, token);
                if (listed.Count(m => replaced.Contains(m.Path)) != replaced.Count)
                {
                    return null;
                }

                if (snapshotId is not { } id || metadata.Snapshots.Any(s => s.SnapshotId == id))
                {
                    snapshotId = SnapshotIds.New(metadata);
                }

                var prepared = await PrepareAsync(current, listed, merged, replaced, snapshotId.Value, attempt, entries, token);
                if (beforeSwap is not null)
                {
                    await beforeSwap(attempt, token);
                }

                return prepared;
            }, cancellationToken);

            if (!outcome.Committed)
            {
                await DeleteAsync(merged);
                return new ManifestMergeResult(ManifestMergeStatus.Aborted, null, contents.Count, small.Count, merged.Count, entries, outcome.Attempts);
            }

            return new ManifestMergeResult(ManifestMergeStatus.Committed, snapshotId, contents.Count, small.Count, merged.Count, entries, outcome.Attempts);
        }
        catch (Exception exception) when (exception is not CommitStateUnknownException)
        {
            // Nothing references the merged manifests unless a pointer swap might have succeeded (the unknown-state case).
            await DeleteAsync(merged);
            throw;
        }
    }

    private async Task<List<MergedManifest>> WriteMergedAsync(TableMetadata metadata, IReadOnlyList<ManifestContents> small, CancellationToken cancellationToken)
    {
        var merged = new List<MergedManifest>();
        foreach (var spec in small.SelectMany(c => c.LiveEntries).GroupBy(e => e.DataFile.SpecId).OrderBy(g => g.Key))
        {
            var ordered = spec
                .Select(e => e with { Status = ManifestEntryStatus.Existing })
                .OrderBy(e => e.DataFile.Partition, PartitionOrder.Instance)
                .ThenBy(e => e.SequenceNumber)
                .ToList();
            foreach (var chunk in ordered.Chunk(_options.ManifestTargetEntries))
            {
                var location = $"{metadata.Location}/metadata/{Guid.NewGuid()}-m{merged.Count}.avro";
                var length = await ManifestWriter.WriteEntriesAsync(_storage, location, metadata, spec.Key, chunk, cancellationToken);
                merged.Add(new MergedManifest(location, length, spec.Key, chunk));
            }
        }

        return merged;
    }

    private async Task<PreparedUpdate> PrepareAsync(
        LoadedTable current,
        IReadOnlyList<ManifestFile> listed,
        IReadOnlyList<MergedManifest> merged,
        HashSet<string> replaced,
        long snapshotId,
        int attempt,
        long entries,
        CancellationToken cancellationToken)
    {
        var metadata = current.Metadata;
        var parent = metadata.CurrentSnapshot!;
        var sequenceNumber = metadata.LastSequenceNumber + 1;
        var kept = listed.Where(m => !replaced.Contains(m.Path)).ToList();
        var manifests = kept
            .Concat(merged.Select(m => ManifestListing.For(metadata, m.SpecId, m.Location, m.Length, m.Entries, snapshotId, sequenceNumber)))
            .ToList();

        var summary = SnapshotSummary.ForReplace(
            parent,
            (0, 0, 0),
            (0, 0, 0),
            changedPartitions: 0,
            ManifestSummary(InheritedSummary.From(parent, _options.InheritedSummaryPrefix), merged.Count, kept.Count, replaced.Count, entries));
        var (next, manifestList) = await SnapshotStep.WriteAsync(_storage, current, snapshotId, attempt, summary, manifests, _time, _lakehouse.MetadataLogMaxEntries, cancellationToken);
        return new PreparedUpdate(next, [manifestList]);
    }

    /// <summary>The Java RewriteManifests summary keys, so engines that show them (Spark's snapshots table) do.</summary>
    private static Dictionary<string, string> ManifestSummary(Dictionary<string, string> inherited, int created, int kept, int replaced, long entries)
    {
        inherited["manifests-created"] = Text(created);
        inherited["manifests-kept"] = Text(kept);
        inherited["manifests-replaced"] = Text(replaced);
        inherited["entries-processed"] = Text(entries);
        return inherited;
    }

    private async Task DeleteAsync(IEnumerable<MergedManifest> merged)
    {
        foreach (var manifest in merged)
        {
            await _metadataFiles.DeleteQuietlyAsync(manifest.Location);
        }
    }

    private static string Text(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private sealed record MergedManifest(string Location, long Length, int SpecId, IReadOnlyList<ManifestEntry> Entries);
}

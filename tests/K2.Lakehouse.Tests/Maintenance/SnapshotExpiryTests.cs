using K2.Lakehouse.Bars;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Maintenance;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;

namespace K2.Lakehouse.Tests.Maintenance;

/// <summary>
/// Expiry removes old snapshots and exactly the files only they reached; retained snapshots, including one from
/// before a compaction, stay readable.
/// </summary>
public sealed class SnapshotExpiryTests : IAsyncLifetime
{
    private const string OffsetsKey = "k2.kafka.offsets";
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await SmallFileTable.CreateHarnessAsync();

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task Time_travel_to_the_pre_compaction_snapshot_survives_expiry_of_older_snapshots_and_only_unreachable_files_go()
    {
        await _lakehouse.CreateTradesAsync();
        var written = await SmallFileTable.AppendAsync(_lakehouse, appends: 12, summaryFor: i => new Dictionary<string, string> { [OffsetsKey] = $"{i}" });
        var preCompaction = (await SmallFileTable.LoadAsync(_lakehouse)).CurrentSnapshot!;
        await _lakehouse.Compactor.CompactAsync(MarketDataTables.Trades, CancellationToken.None);
        var compacted = await SmallFileTable.LoadAsync(_lakehouse);

        // Everything older than the pre-compaction snapshot goes; it and the replace snapshots stay.
        var first = await _lakehouse.Expirer.ExpireAsync(MarketDataTables.Trades, At(preCompaction), minSnapshotsToKeep: 1, CancellationToken.None);

        var afterFirst = await SmallFileTable.LoadAsync(_lakehouse);
        var older = compacted.Snapshots.Where(s => s.TimestampMs < preCompaction.TimestampMs).Select(s => s.SnapshotId).ToList();
        Assert.Equal(11, older.Count);
        Assert.Equal(older.Order(), first.ExpiredSnapshotIds.Order());
        Assert.Equal(compacted.Snapshots.Count - 11, afterFirst.Snapshots.Count);
        Assert.Equal(compacted.CurrentSnapshotId, afterFirst.CurrentSnapshotId);
        Assert.Equal(compacted.CurrentSnapshot!.Summary, afterFirst.CurrentSnapshot!.Summary); // offsets untouched
        Assert.Equal(preCompaction.SnapshotId, afterFirst.SnapshotLog[0].SnapshotId);
        Assert.Equal(11, first.DeletedManifestLists);
        Assert.Equal(0, first.DeletedManifests); // the retained pre-compaction snapshot still lists every append's manifest
        Assert.Equal(0, first.DeletedDataFiles); // ... and reads every small file
        MarketDataAssert.SameTrades(written, await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.ById(preCompaction.SnapshotId)));
        MarketDataAssert.SameTrades(written, await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.AsOf(DateTimeOffset.FromUnixTimeMilliseconds(preCompaction.TimestampMs))));
        await AssertFilesOnDiskAreExactlyWhatRetainedSnapshotsReachAsync(afterFirst);

        // Expiring everything but the current snapshot removes the small files and the manifests that listed them.
        var smallFiles = await SmallFileTable.LiveFilesAsync(_lakehouse, SnapshotSelection.ById(preCompaction.SnapshotId));
        var second = await _lakehouse.Expirer.ExpireAsync(MarketDataTables.Trades, DateTimeOffset.UtcNow.AddDays(1), minSnapshotsToKeep: 1, CancellationToken.None);

        var afterSecond = await SmallFileTable.LoadAsync(_lakehouse);
        Assert.Equal([compacted.CurrentSnapshotId!.Value], afterSecond.Snapshots.Select(s => s.SnapshotId));
        Assert.Equal(smallFiles.Count, second.DeletedDataFiles);
        Assert.Equal(0, second.FailedDeletes);
        Assert.All(smallFiles, f => Assert.False(File.Exists(SmallFileTable.PathOf(_lakehouse, f.Location))));
        Assert.Equal(compacted.CurrentSnapshot.Summary[OffsetsKey], afterSecond.CurrentSnapshot!.Summary[OffsetsKey]);
        MarketDataAssert.SameTrades(written, await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.Current));
        await AssertFilesOnDiskAreExactlyWhatRetainedSnapshotsReachAsync(afterSecond);
        Assert.Throws<KeyNotFoundException>(() => SnapshotSelection.ById(preCompaction.SnapshotId).Resolve(afterSecond));
        Assert.Throws<InvalidOperationException>(() => SnapshotSelection.AsOf(DateTimeOffset.FromUnixTimeMilliseconds(preCompaction.TimestampMs)).Resolve(afterSecond));
    }

    [Fact]
    public async Task The_newest_snapshots_and_the_current_one_are_kept_whatever_their_age()
    {
        await _lakehouse.CreateTradesAsync();
        await SmallFileTable.AppendAsync(_lakehouse, appends: 5);
        var before = await SmallFileTable.LoadAsync(_lakehouse);

        var result = await _lakehouse.Expirer.ExpireAsync(MarketDataTables.Trades, DateTimeOffset.UtcNow.AddDays(1), minSnapshotsToKeep: 3, CancellationToken.None);

        var after = await SmallFileTable.LoadAsync(_lakehouse);
        Assert.Equal(2, result.ExpiredSnapshotIds.Count);
        Assert.Equal(before.Snapshots.OrderBy(s => s.SequenceNumber).Skip(2).Select(s => s.SnapshotId), after.Snapshots.Select(s => s.SnapshotId));
        Assert.Equal(before.CurrentSnapshotId, after.CurrentSnapshotId);
        Assert.Equal(0, result.DeletedDataFiles); // fast appends: the current snapshot still reads every file
        Assert.Equal(ExpiryResult.Nothing, await _lakehouse.Expirer.ExpireAsync(MarketDataTables.Trades, DateTimeOffset.UtcNow.AddDays(1), minSnapshotsToKeep: 3, CancellationToken.None));
    }

    /// <summary>
    /// Manifest lists, manifests, data files and their bar sidecars on disk are exactly those the retained snapshots
    /// reach: an expired data file's sidecar went with it.
    /// </summary>
    private async Task AssertFilesOnDiskAreExactlyWhatRetainedSnapshotsReachAsync(TableMetadata metadata)
    {
        var lists = new HashSet<string>(StringComparer.Ordinal);
        var manifests = new HashSet<string>(StringComparer.Ordinal);
        var data = new HashSet<string>(StringComparer.Ordinal);
        foreach (var snapshot in metadata.Snapshots)
        {
            lists.Add(SmallFileTable.PathOf(_lakehouse, snapshot.ManifestList));
            foreach (var manifest in await ManifestListReader.ReadAsync(_lakehouse.Storage, snapshot.ManifestList, CancellationToken.None))
            {
                manifests.Add(SmallFileTable.PathOf(_lakehouse, manifest.Path));
                foreach (var entry in await ManifestReader.ReadAsync(_lakehouse.Storage, manifest, metadata, CancellationToken.None))
                {
                    if (entry.Status != ManifestEntryStatus.Deleted)
                    {
                        data.Add(SmallFileTable.PathOf(_lakehouse, entry.DataFile.Location));
                    }
                }
            }
        }

        var table = SmallFileTable.PathOf(_lakehouse, metadata.Location);
        Assert.Equal(data.Concat(data.Select(BarSidecar.LocationFor)).Order(StringComparer.Ordinal), Files(table, "*.parquet"));
        Assert.Equal(lists.Concat(manifests).Order(StringComparer.Ordinal), Files(table, "*.avro"));
    }

    private static List<string> Files(string directory, string pattern) =>
        Directory.EnumerateFiles(directory, pattern, SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();

    private static DateTimeOffset At(Snapshot snapshot) => DateTimeOffset.FromUnixTimeMilliseconds(snapshot.TimestampMs);
}

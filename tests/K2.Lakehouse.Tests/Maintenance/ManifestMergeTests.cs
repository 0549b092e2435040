using K2.Contracts.Model;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Maintenance;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using K2.Testing;

namespace K2.Lakehouse.Tests.Maintenance;

/// <summary>
/// Every flush adds a manifest; merging keeps the manifest list short without changing what any snapshot holds:
/// same rows now and at every earlier snapshot, same per-file snapshot ids and sequence numbers, offsets carried, and
/// an append that lands mid-merge kept.
/// </summary>
public sealed class ManifestMergeTests : IAsyncLifetime
{
    private const int Appends = 12;
    private const int TargetEntries = 16;
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await SmallFileTable.CreateHarnessAsync(new Dictionary<string, string?>
    {
        ["ManifestMergeMinCount"] = "10",
        ["ManifestTargetEntries"] = TargetEntries.ToString(System.Globalization.CultureInfo.InvariantCulture),
    });

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task Flush_manifests_merge_into_few_and_every_snapshot_reads_the_same_rows_and_history()
    {
        await _lakehouse.CreateTradesAsync();
        var written = await SmallFileTable.AppendAsync(_lakehouse, Appends, summaryFor: i => SmallFileTable.Offsets(i + 1));
        var before = await SmallFileTable.LoadAsync(_lakehouse);
        var middle = before.Snapshots[Appends / 2];
        var middleRows = await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.ById(middle.SnapshotId));
        var entriesBefore = await EntriesAsync(before, before.CurrentSnapshot!);
        Assert.Equal(Appends, (await ManifestListReader.ReadAsync(_lakehouse.Storage, before.CurrentSnapshot!.ManifestList, CancellationToken.None)).Count);

        var result = await Merger.MergeAsync(MarketDataTables.Trades, CancellationToken.None);

        Assert.Equal(ManifestMergeStatus.Committed, result.Status);
        Assert.Equal(Appends, result.ManifestsReplaced);
        var files = Appends * SmallFileTable.Partitions;
        Assert.Equal(files, result.Entries);
        var after = await SmallFileTable.LoadAsync(_lakehouse);
        var snapshot = after.CurrentSnapshot!;
        Assert.Equal(result.SnapshotId, snapshot.SnapshotId);
        Assert.Equal(SnapshotSummary.ReplaceOperation, snapshot.Operation);
        Assert.Equal(written.Count, snapshot.Counter(SnapshotSummary.TotalRecords));
        Assert.Equal(files, snapshot.Counter(SnapshotSummary.TotalDataFiles));
        Assert.Equal(SmallFileTable.Offsets(Appends)[SmallFileTable.OffsetsKey], snapshot.Summary[SmallFileTable.OffsetsKey]);
        var manifests = await ManifestListReader.ReadAsync(_lakehouse.Storage, snapshot.ManifestList, CancellationToken.None);
        Assert.Equal((files + TargetEntries - 1) / TargetEntries, manifests.Count);
        Assert.All(manifests, m => Assert.Equal(0, m.AddedFilesCount));

        // The same files with the same history: a file keeps the snapshot that added it and its sequence numbers.
        var entriesAfter = await EntriesAsync(after, snapshot);
        Assert.All(entriesAfter.Values, e => Assert.Equal(ManifestEntryStatus.Existing, e.Status));
        Assert.Equal(entriesBefore.Keys.Order(StringComparer.Ordinal), entriesAfter.Keys.Order(StringComparer.Ordinal));
        Assert.All(entriesBefore, pair =>
        {
            var merged = entriesAfter[pair.Key];
            Assert.Equal((pair.Value.SnapshotId, pair.Value.SequenceNumber, pair.Value.FileSequenceNumber), (merged.SnapshotId, merged.SequenceNumber, merged.FileSequenceNumber));
        });

        // Each merged manifest covers a contiguous run of partitions, so the list's partition summaries still prune.
        // 48 files sorted by (exchange, day) in chunks of 16: the first chunk is all ASX, the last all BINANCE.
        var exchanges = manifests.Select(m => (Lower: m.Partitions[0].LowerBound!, Upper: m.Partitions[0].UpperBound!)).ToList();
        Assert.Equal(2, exchanges.Count(e => e.Lower.SequenceEqual(e.Upper)));

        MarketDataAssert.SameTrades(written, await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.Current));
        MarketDataAssert.SameTrades(middleRows, await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.ById(middle.SnapshotId)));
        var icebird = await IcebirdVerifier.ReadAsync(SmallFileTable.PathOf(_lakehouse, (await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None)).MetadataLocation));
        Assert.Equal(written.Count, icebird.GetProperty("rowCount").GetInt32());
        Assert.Equal(files, icebird.GetProperty("manifestEntries").GetInt32());
    }

    [Fact]
    public async Task An_append_that_lands_during_the_merge_is_kept_beside_the_merged_manifests()
    {
        await _lakehouse.CreateTradesAsync();
        var written = await SmallFileTable.AppendAsync(_lakehouse, Appends, summaryFor: i => SmallFileTable.Offsets(i + 1));
        await using var rival = _lakehouse.SecondWriter();
        var late = new List<Trade> { Trades.Binance(900_001, MarketDataSamples.Day1.AddHours(12)) };

        var result = await Merger.MergeAsync(MarketDataTables.Trades, async (attempt, _) =>
        {
            if (attempt == 1)
            {
                await rival.AppendTradesAsync(late, SmallFileTable.Offsets(Appends + 1));
            }
        }, CancellationToken.None);

        Assert.Equal(ManifestMergeStatus.Committed, result.Status);
        Assert.Equal(2, result.Attempts);
        var snapshot = (await SmallFileTable.LoadAsync(_lakehouse)).CurrentSnapshot!;
        Assert.Equal(SmallFileTable.Offsets(Appends + 1)[SmallFileTable.OffsetsKey], snapshot.Summary[SmallFileTable.OffsetsKey]);
        Assert.Equal(written.Count + late.Count, snapshot.Counter(SnapshotSummary.TotalRecords));
        var manifests = await ManifestListReader.ReadAsync(_lakehouse.Storage, snapshot.ManifestList, CancellationToken.None);
        Assert.Single(manifests, m => m.AddedSnapshotId == snapshot.ParentSnapshotId);
        MarketDataAssert.SameTrades(written.Concat(late), await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.Current));
    }

    [Fact]
    public async Task Fewer_small_manifests_than_the_threshold_are_left_as_they_are()
    {
        await _lakehouse.CreateTradesAsync();
        await SmallFileTable.AppendAsync(_lakehouse, appends: 9);
        var before = await SmallFileTable.LoadAsync(_lakehouse);

        var result = await Merger.MergeAsync(MarketDataTables.Trades, CancellationToken.None);

        Assert.Equal(ManifestMergeStatus.NotNeeded, result.Status);
        Assert.Equal(9, result.ManifestsBefore);
        Assert.Equal(before.CurrentSnapshotId, (await SmallFileTable.LoadAsync(_lakehouse)).CurrentSnapshotId);
    }

    private ManifestMerger Merger => _lakehouse.ManifestMerger;

    private async Task<Dictionary<string, ManifestEntry>> EntriesAsync(TableMetadata metadata, Snapshot snapshot) =>
        (await ManifestContents.ReadAsync(_lakehouse.Storage, metadata, snapshot, CancellationToken.None))
            .SelectMany(c => c.LiveEntries)
            .ToDictionary(e => e.DataFile.Location, StringComparer.Ordinal);
}

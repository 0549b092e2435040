using K2.Contracts.Model;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using K2.Lakehouse.Tests.Maintenance;
using K2.Testing;

namespace K2.Lakehouse.Tests.Caching;

/// <summary>
/// The planner's caches of decoded manifests and parsed metadata files never make a query see an old table state:
/// a commit after a cached plan is seen by the next plan, files that compaction and expiry removed are not planned
/// again, and the caches stay within their configured bounds.
/// </summary>
public sealed class ScanCacheTests
{
    [Fact]
    public async Task A_snapshot_committed_after_a_cached_plan_is_seen_by_the_next_plan()
    {
        await using var lakehouse = await LakehouseHarness.CreateAsync();
        await lakehouse.CreateTradesAsync();
        var first = Enumerable.Range(1, 4).Select(i => Trades.Binance(i, MarketDataSamples.Day1.AddHours(10).AddSeconds(i))).ToList();
        await lakehouse.AppendTradesAsync(first);
        MarketDataAssert.SameTrades(first, await SmallFileTable.ReadAsync(lakehouse, SnapshotSelection.Current));
        Assert.True(lakehouse.ManifestCache.Weight > 0, "the first plan should have cached its manifests");
        Assert.True(lakehouse.MetadataCache.Count > 0, "loading the table should have cached its metadata file");

        var second = Enumerable.Range(10, 3).Select(i => Trades.Binance(i, MarketDataSamples.Day1.AddHours(10).AddMinutes(5).AddSeconds(i))).ToList();
        var (commit, _) = await lakehouse.AppendTradesAsync(second);

        var table = await SmallFileTable.LoadAsync(lakehouse);
        Assert.Equal(commit.SnapshotId, table.CurrentSnapshotId);
        MarketDataAssert.SameTrades(first.Concat(second), await SmallFileTable.ReadAsync(lakehouse, SnapshotSelection.Current));
    }

    [Fact]
    public async Task Files_removed_by_compaction_and_expiry_are_not_planned_from_the_cache()
    {
        await using var lakehouse = await SmallFileTable.CreateHarnessAsync();
        await lakehouse.CreateTradesAsync();
        var written = await SmallFileTable.AppendAsync(lakehouse, appends: 12);
        var beforeCompaction = await SmallFileTable.LoadAsync(lakehouse);
        var smallFiles = await SmallFileTable.LiveFilesAsync(lakehouse, SnapshotSelection.Current); // cached now
        Assert.Equal(12 * SmallFileTable.Partitions, smallFiles.Count);

        await lakehouse.Compactor.CompactAsync(MarketDataTables.Trades, CancellationToken.None);
        await lakehouse.Expirer.ExpireAsync(MarketDataTables.Trades, DateTimeOffset.UtcNow.AddDays(1), minSnapshotsToKeep: 1, CancellationToken.None);

        var planned = await SmallFileTable.LiveFilesAsync(lakehouse, SnapshotSelection.Current);
        Assert.Empty(planned.Select(f => f.Location).Intersect(smallFiles.Select(f => f.Location)));
        Assert.All(smallFiles, f => Assert.False(File.Exists(SmallFileTable.PathOf(lakehouse, f.Location))));
        Assert.All(planned, f => Assert.True(File.Exists(SmallFileTable.PathOf(lakehouse, f.Location))));
        MarketDataAssert.SameTrades(written, await SmallFileTable.ReadAsync(lakehouse, SnapshotSelection.Current));

        // The expired snapshot's manifests may still be cached, but the current metadata no longer names it.
        var current = await SmallFileTable.LoadAsync(lakehouse);
        await Assert.ThrowsAsync<KeyNotFoundException>(() =>
            lakehouse.Planner.PlanAsync(current, SnapshotSelection.ById(beforeCompaction.CurrentSnapshotId!.Value), ScanFilter.All, CancellationToken.None));
    }

    [Fact]
    public async Task The_caches_stay_within_their_bounds_and_plans_stay_complete()
    {
        const int Bound = 10;
        await using var lakehouse = await LakehouseHarness.CreateAsync(new Dictionary<string, string?>
        {
            ["ScanCache:MaxManifestEntries"] = Bound.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["ScanCache:MaxMetadataFiles"] = "2",
        });
        await lakehouse.CreateTradesAsync();
        var written = new List<Trade>();
        for (var i = 0; i < 8; i++)
        {
            // Each append writes four files (two exchanges × two days): more entries than the bound holds.
            var batch = MarketDataSamples.Trades(perSymbolPerDay: 1, firstId: 1 + (i * 100));
            await lakehouse.AppendTradesAsync(batch);
            written.AddRange(batch);
            MarketDataAssert.SameTrades(written, await SmallFileTable.ReadAsync(lakehouse, SnapshotSelection.Current));
            Assert.InRange(lakehouse.ManifestCache.Weight, 1, Bound);
            Assert.InRange(lakehouse.MetadataCache.Count, 1, 2);
        }

        Assert.Equal(Bound, lakehouse.ManifestCache.Capacity);
        Assert.Equal(8 * SmallFileTable.Partitions, (await SmallFileTable.LiveFilesAsync(lakehouse, SnapshotSelection.Current)).Count);
    }
}

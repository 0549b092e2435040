using System.Text.Json;
using K2.Lakehouse.Maintenance;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using Xunit.Abstractions;

namespace K2.Lakehouse.Tests.Maintenance;

/// <summary>
/// A whole maintenance run (compaction, expiry, orphan removal) as the scheduled job does it, checked by K2's reader
/// and by an independent Iceberg implementation (icebird).
/// </summary>
public sealed class MaintenanceRunTests(ITestOutputHelper output) : IAsyncLifetime
{
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await SmallFileTable.CreateHarnessAsync(new Dictionary<string, string?>
    {
        ["SnapshotRetention"] = "00:00:00",
        ["MinSnapshotsToKeep"] = "1",
        // Nothing is in flight in this test; the orphan sweep may take anything not referenced.
        ["OrphanMinAge"] = "00:00:00.001",
    });

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task Icebird_reads_the_same_rows_from_a_compacted_and_expired_table()
    {
        await _lakehouse.CreateTradesAsync();
        var written = await SmallFileTable.AppendAsync(_lakehouse, appends: 15);
        var planted = Path.Combine(SmallFileTable.PathOf(_lakehouse, (await SmallFileTable.LoadAsync(_lakehouse)).Location), "data", "orphan.parquet");
        await File.WriteAllTextAsync(planted, "not a data file");
        File.SetLastWriteTimeUtc(planted, DateTime.UtcNow.AddMinutes(-1));

        var report = await _lakehouse.Maintenance.RunAsync(MarketDataTables.Trades, CancellationToken.None);

        output.WriteLine($"compactions {report.Compactions.Count}, expired {report.Expiry.ExpiredSnapshotIds.Count} snapshots, " +
            $"deleted {report.Expiry.DeletedDataFiles} data files, {report.Expiry.DeletedManifests} manifests, {report.Expiry.DeletedManifestLists} lists, orphans {report.Orphans.DeletedFiles.Count}");
        Assert.Equal(SmallFileTable.Partitions, report.Compactions.Count(c => c.Status == RewriteCommitStatus.Committed));
        Assert.Equal(15 + SmallFileTable.Partitions - 1, report.Expiry.ExpiredSnapshotIds.Count);
        Assert.Equal(15 * SmallFileTable.Partitions, report.Expiry.DeletedDataFiles);
        Assert.Contains(report.Orphans.DeletedFiles, l => SmallFileTable.PathOf(_lakehouse, l) == planted);
        var table = await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        Assert.Single(table.Metadata.Snapshots);
        // The superseded metadata files stay: the metadata log references them (a later version trims the log).
        Assert.All(table.Metadata.MetadataLog, e => Assert.True(File.Exists(SmallFileTable.PathOf(_lakehouse, e.MetadataFile))));

        var live = await SmallFileTable.LiveFilesAsync(_lakehouse, SnapshotSelection.Current);
        MarketDataAssert.SameTrades(written, await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.Current));
        var icebird = await IcebirdVerifier.ReadAsync(SmallFileTable.PathOf(_lakehouse, table.MetadataLocation));
        Assert.Equal(written.Count, icebird.GetProperty("rowCount").GetInt32());
        Assert.Equal(written.Count, icebird.GetProperty("recordCountFromManifests").GetInt32());
        Assert.Equal(live.Count, icebird.GetProperty("manifestEntries").GetInt32());
        Assert.Equal(
            written.Select(t => t.TradeId).Order(StringComparer.Ordinal),
            icebird.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("trade_id").GetString()!).Order(StringComparer.Ordinal));
        var prices = icebird.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("trade_id").GetString()!, r => r.GetProperty("price").GetDouble());
        Assert.All(written, t => Assert.Equal((double)t.Price, prices[t.TradeId]));
        Assert.Equal(JsonValueKind.Array, icebird.GetProperty("schema").ValueKind);
    }

    [Fact]
    public async Task A_failed_compaction_does_not_stop_expiry_and_orphan_removal()
    {
        await _lakehouse.CreateTradesAsync();
        var written = await SmallFileTable.AppendAsync(_lakehouse, appends: 12);
        var before = await SmallFileTable.LoadAsync(_lakehouse);
        // One small file becomes unreadable: compaction of its partition must fail, not commit.
        var broken = (await SmallFileTable.LiveFilesAsync(_lakehouse, SnapshotSelection.Current)).OrderBy(f => f.Location, StringComparer.Ordinal).First();
        await File.WriteAllTextAsync(SmallFileTable.PathOf(_lakehouse, broken.Location), "not parquet any more");

        var report = await _lakehouse.Maintenance.RunAsync(MarketDataTables.Trades, CancellationToken.None);

        Assert.NotNull(report.CompactionFailure);
        Assert.Equal(before.Snapshots.Count - 1 + report.Compactions.Count, report.Expiry.ExpiredSnapshotIds.Count);
        var after = await SmallFileTable.LoadAsync(_lakehouse);
        Assert.Single(after.Snapshots);
        Assert.Contains(broken.Location, (await SmallFileTable.LiveFilesAsync(_lakehouse, SnapshotSelection.Current)).Select(f => f.Location));
        Assert.Equal(written.Count, after.CurrentSnapshot!.Counter(K2.Lakehouse.Iceberg.Metadata.SnapshotSummary.TotalRecords));
    }
}

using K2.Contracts.Model;
using K2.Lakehouse.Bars;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Maintenance;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using K2.Testing;

namespace K2.Lakehouse.Tests.Maintenance;

/// <summary>
/// A rival commit lands exactly between a compaction's preparation and its pointer swap (the compaction's commit
/// hook runs it there), so the swap fails and the compaction must re-read: keep an append, give up on files someone
/// else already removed.
/// </summary>
public sealed class CompactionRaceTests : IAsyncLifetime
{
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await SmallFileTable.CreateHarnessAsync();

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task An_append_that_wins_the_race_is_kept_and_its_offsets_are_carried_into_the_compaction_snapshot()
    {
        await _lakehouse.CreateTradesAsync();
        var original = await SmallFileTable.AppendAsync(_lakehouse, appends: 12, summaryFor: _ => SmallFileTable.Offsets(12));
        var group = await SingleGroupAsync(MarketDataSamples.Day1, "BINANCE");
        await using var rival = _lakehouse.SecondWriter();
        var late = new List<Trade>
        {
            Trades.Binance(900_001, MarketDataSamples.Day1.AddHours(12).AddTicks(70)),
            Trades.Binance(900_002, MarketDataSamples.Day1.AddHours(12).AddTicks(80), "ETHUSDT") with { Price = 0.00000001m },
        };

        var result = await _lakehouse.Compactor.CompactAsync(MarketDataTables.Trades, group, async (attempt, _) =>
        {
            if (attempt == 1)
            {
                await rival.AppendTradesAsync(late, SmallFileTable.Offsets(13)); // same partition, newer offsets
            }
        }, CancellationToken.None);

        Assert.Equal(RewriteCommitStatus.Committed, result.Status);
        Assert.Equal(2, result.Attempts);
        var metadata = await SmallFileTable.LoadAsync(_lakehouse);
        var snapshot = metadata.CurrentSnapshot!;
        Assert.Equal(SnapshotSummary.ReplaceOperation, snapshot.Operation);
        Assert.Equal(SmallFileTable.Offsets(13)[SmallFileTable.OffsetsKey], snapshot.Summary[SmallFileTable.OffsetsKey]); // from the rebased parent, not the first read
        Assert.Equal(original.Count + late.Count, snapshot.Counter(SnapshotSummary.TotalRecords));
        Assert.Equal(SnapshotSummary.AppendOperation, AppendOperation(metadata, snapshot.ParentSnapshotId!.Value));

        var rows = await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.Current);
        MarketDataAssert.SameTrades(original.Concat(late), rows);
        var live = await SmallFileTable.LiveFilesAsync(_lakehouse, SnapshotSelection.Current);
        Assert.Empty(live.Select(f => f.Location).Intersect(group.Files.Select(f => f.Location)));
    }

    [Fact]
    public async Task A_compaction_whose_files_another_compaction_replaced_first_aborts_and_removes_its_own_files()
    {
        await _lakehouse.CreateTradesAsync();
        var original = await SmallFileTable.AppendAsync(_lakehouse, appends: 12);
        var group = await SingleGroupAsync(MarketDataSamples.Day2, "ASX");
        await using var rival = _lakehouse.SecondWriter();
        var filesBefore = DataFilesOnDisk();
        long? rivalSnapshot = null;

        var result = await _lakehouse.Compactor.CompactAsync(MarketDataTables.Trades, group, async (attempt, token) =>
        {
            if (attempt == 1)
            {
                rivalSnapshot = (await rival.Compactor.CompactAsync(MarketDataTables.Trades, group, token)).SnapshotId;
            }
        }, CancellationToken.None);

        Assert.Equal(RewriteCommitStatus.Aborted, result.Status);
        Assert.Null(result.SnapshotId);
        var metadata = await SmallFileTable.LoadAsync(_lakehouse);
        Assert.Equal(rivalSnapshot, metadata.CurrentSnapshotId);
        MarketDataAssert.SameTrades(original, await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.Current));

        // On disk: the original small files, plus only the rival's output. The loser's files are gone.
        var live = await SmallFileTable.LiveFilesAsync(_lakehouse, SnapshotSelection.Current);
        var rivalFiles = live.Select(f => SmallFileTable.PathOf(_lakehouse, f.Location)).Except(filesBefore).ToList();
        Assert.Single(rivalFiles);
        Assert.Equal(filesBefore.Concat(rivalFiles).Order(StringComparer.Ordinal), DataFilesOnDisk());
    }

    private async Task<CompactionGroup> SingleGroupAsync(DateTimeOffset day, string exchange)
    {
        var groups = await _lakehouse.Compactor.PlanAsync(await SmallFileTable.LoadAsync(_lakehouse), CancellationToken.None);
        var dayNumber = (int)(day - DateTimeOffset.UnixEpoch).TotalDays;
        return groups.Single(g => Equals(g.Partition[0], exchange) && Equals(g.Partition[1], dayNumber));
    }

    private List<string> DataFilesOnDisk() =>
        Directory.EnumerateFiles(_lakehouse.WarehousePath, "*.parquet", SearchOption.AllDirectories)
            .Where(f => !BarSidecar.IsSidecar(f))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string AppendOperation(TableMetadata metadata, long snapshotId) => metadata.Snapshot(snapshotId).Operation;
}

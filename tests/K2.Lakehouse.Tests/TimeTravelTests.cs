using K2.Contracts.Model;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using K2.Testing;

namespace K2.Lakehouse.Tests;

/// <summary>Older table states stay readable, by snapshot id and by instant through the snapshot log.</summary>
public sealed class TimeTravelTests : IAsyncLifetime
{
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await LakehouseHarness.CreateAsync();

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task Reading_an_older_snapshot_by_id_returns_the_rows_of_that_time()
    {
        var (first, second, firstBatch, secondBatch) = await TwoCommitsAsync();
        var table = await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);

        var old = await ReadAsync(table.Metadata, SnapshotSelection.ById(first));
        var now = await ReadAsync(table.Metadata, SnapshotSelection.ById(second));

        MarketDataAssert.SameTrades(firstBatch, old);
        MarketDataAssert.SameTrades(firstBatch.Concat(secondBatch), now);
    }

    [Fact]
    public async Task Reading_as_of_an_instant_uses_the_snapshot_log()
    {
        var (first, second, firstBatch, secondBatch) = await TwoCommitsAsync();
        var metadata = (await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None)).Metadata;
        var firstAt = DateTimeOffset.FromUnixTimeMilliseconds(metadata.Snapshot(first).TimestampMs);
        var secondAt = DateTimeOffset.FromUnixTimeMilliseconds(metadata.Snapshot(second).TimestampMs);

        var atFirst = await ReadAsync(metadata, SnapshotSelection.AsOf(firstAt));
        var justBeforeSecond = await ReadAsync(metadata, SnapshotSelection.AsOf(secondAt.AddMilliseconds(-1)));
        var atSecond = await ReadAsync(metadata, SnapshotSelection.AsOf(secondAt));

        MarketDataAssert.SameTrades(firstBatch, atFirst);
        MarketDataAssert.SameTrades(firstBatch, justBeforeSecond);
        MarketDataAssert.SameTrades(firstBatch.Concat(secondBatch), atSecond);
        Assert.Throws<InvalidOperationException>(() => SnapshotSelection.AsOf(firstAt.AddMilliseconds(-1)).Resolve(metadata));
    }

    private async Task<(long First, long Second, List<Trade> FirstBatch, List<Trade> SecondBatch)> TwoCommitsAsync()
    {
        await _lakehouse.CreateTradesAsync();
        var firstBatch = Enumerable.Range(1, 4).Select(i => Trades.Binance(i, MarketDataSamples.Day1.AddHours(10).AddSeconds(i))).ToList();
        var secondBatch = Enumerable.Range(10, 3).Select(i => Trades.Asx(i, at: MarketDataSamples.Day1.AddHours(11).AddSeconds(i))).ToList();
        var (first, _) = await _lakehouse.AppendTradesAsync(firstBatch);
        var (second, _) = await _lakehouse.AppendTradesAsync(secondBatch);
        return (first.SnapshotId!.Value, second.SnapshotId!.Value, firstBatch, secondBatch);
    }

    private async Task<IReadOnlyList<Trade>> ReadAsync(K2.Lakehouse.Iceberg.Metadata.TableMetadata metadata, SnapshotSelection selection)
    {
        var plan = await _lakehouse.Planner.PlanAsync(metadata, selection, ScanFilter.All, CancellationToken.None);
        return await _lakehouse.Reader.ReadTradesAsync(plan, ScanFilter.All, CancellationToken.None);
    }
}

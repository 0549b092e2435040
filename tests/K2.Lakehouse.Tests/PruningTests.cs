using K2.Contracts.Model;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using K2.Testing;

namespace K2.Lakehouse.Tests;

/// <summary>The planner returns only files that can match: by manifest summaries, partition values and column bounds.</summary>
public sealed class PruningTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Morning = MarketDataSamples.Day1.AddHours(10);
    private static readonly DateTimeOffset Afternoon = MarketDataSamples.Day1.AddHours(14);
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await LakehouseHarness.CreateAsync();

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task Exchange_filter_skips_other_exchanges_by_manifest_summary_and_partition()
    {
        await _lakehouse.CreateTradesAsync();
        var all = MarketDataSamples.Trades();
        await _lakehouse.AppendTradesAsync(all);                                   // manifest 1: ASX + BINANCE, two days
        await _lakehouse.AppendTradesAsync([Binance(900, MarketDataSamples.Day2.AddDays(1))]); // manifest 2: BINANCE only

        var filter = new ScanFilter { Exchange = "ASX" };
        var plan = await PlanAsync(filter);

        Assert.Equal(2, plan.Files.Count);
        Assert.All(plan.Files, f => Assert.Equal("ASX", f.Partition[0]));
        Assert.Equal(new ScanMetrics(ManifestsInSnapshot: 2, ManifestsSkipped: 1, DataFilesInScannedManifests: 4, DataFilesSkippedByPartition: 2, DataFilesSkippedByMetrics: 0), plan.Metrics);
        var read = await _lakehouse.Reader.ReadTradesAsync(plan, filter, CancellationToken.None);
        MarketDataAssert.SameTrades(all.Where(t => t.Exchange == "ASX"), read);
    }

    [Fact]
    public async Task Time_range_is_projected_onto_day_partitions()
    {
        await _lakehouse.CreateTradesAsync();
        var all = MarketDataSamples.Trades();
        await _lakehouse.AppendTradesAsync(all);

        var filter = new ScanFilter { From = MarketDataSamples.Day2.AddHours(10), Until = MarketDataSamples.Day2.AddHours(10).AddSeconds(3) };
        var plan = await PlanAsync(filter);

        Assert.Equal(2, plan.Files.Count);
        Assert.All(plan.Files, f => Assert.Equal(Day(MarketDataSamples.Day2), f.Partition[1]));
        Assert.Equal(2, plan.Metrics.DataFilesSkippedByPartition);
        var read = await _lakehouse.Reader.ReadTradesAsync(plan, filter, CancellationToken.None);
        MarketDataAssert.SameTrades(all.Where(t => t.Timestamp >= filter.From && t.Timestamp < filter.Until), read);
        Assert.NotEmpty(read);
    }

    [Fact]
    public async Task Symbol_bounds_skip_files_of_other_symbols_in_the_same_partition()
    {
        await _lakehouse.CreateTradesAsync();
        var bitcoin = Enumerable.Range(1, 5).Select(i => Binance(i, Morning.AddSeconds(i), "BTCUSDT")).ToList();
        var ether = Enumerable.Range(11, 5).Select(i => Binance(i, Morning.AddSeconds(i), "ETHUSDT")).ToList();
        await _lakehouse.AppendTradesAsync(bitcoin);
        await _lakehouse.AppendTradesAsync(ether);

        var filter = new ScanFilter { Symbols = new HashSet<string> { "ETHUSDT", "SOLUSDT" } };
        var plan = await PlanAsync(filter);

        var file = Assert.Single(plan.Files);
        Assert.Equal(new ScanMetrics(2, 0, 2, 0, 1), plan.Metrics);
        var read = await _lakehouse.Reader.ReadTradesAsync(plan, filter, CancellationToken.None);
        MarketDataAssert.SameTrades(ether, read);
        Assert.Equal(5, file.RecordCount);
    }

    [Fact]
    public async Task Timestamp_bounds_skip_files_outside_the_range_within_a_day()
    {
        await _lakehouse.CreateTradesAsync();
        var morning = Enumerable.Range(1, 5).Select(i => Binance(i, Morning.AddMinutes(i))).ToList();
        var afternoon = Enumerable.Range(11, 5).Select(i => Binance(i, Afternoon.AddMinutes(i))).ToList();
        await _lakehouse.AppendTradesAsync(morning);
        await _lakehouse.AppendTradesAsync(afternoon);

        var filter = new ScanFilter { Exchange = "BINANCE", Symbols = new HashSet<string> { "BTCUSDT" }, From = Afternoon, Until = Afternoon.AddHours(1) };
        var plan = await PlanAsync(filter);

        Assert.Single(plan.Files);
        Assert.Equal(1, plan.Metrics.DataFilesSkippedByMetrics);
        MarketDataAssert.SameTrades(afternoon, await _lakehouse.Reader.ReadTradesAsync(plan, filter, CancellationToken.None));
    }

    [Fact]
    public async Task Filter_matching_nothing_plans_no_files_and_reads_nothing()
    {
        await _lakehouse.CreateTradesAsync();
        await _lakehouse.AppendTradesAsync(MarketDataSamples.Trades());

        var filter = new ScanFilter { Exchange = "NYSE" };
        var plan = await PlanAsync(filter);

        Assert.Empty(plan.Files);
        Assert.Equal(1, plan.Metrics.ManifestsSkipped);
        Assert.Empty(await _lakehouse.Reader.ReadTradesAsync(plan, filter, CancellationToken.None));
    }

    [Fact]
    public async Task Table_without_snapshots_plans_an_empty_scan()
    {
        var table = await _lakehouse.CreateTradesAsync();

        var plan = await _lakehouse.Planner.PlanAsync(table.Metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);

        Assert.Null(plan.Snapshot);
        Assert.Empty(plan.Files);
    }

    private async Task<ScanPlan> PlanAsync(ScanFilter filter)
    {
        var table = await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        return await _lakehouse.Planner.PlanAsync(table.Metadata, SnapshotSelection.Current, filter, CancellationToken.None);
    }

    private static Trade Binance(long id, DateTimeOffset at, string symbol = "BTCUSDT") => Trades.Binance(id, at, symbol);

    private static int Day(DateTimeOffset day) => (int)(day - DateTimeOffset.UnixEpoch).TotalDays;
}

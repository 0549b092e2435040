using System.Globalization;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;

namespace K2.Lakehouse.Tests;

/// <summary>Trades and quotes go in through the writer and committer and come back identical through planner and DuckDB.</summary>
public sealed class RoundTripTests : IAsyncLifetime
{
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await LakehouseHarness.CreateAsync();

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task Trades_across_partitions_read_back_row_for_row()
    {
        await _lakehouse.CreateTradesAsync();
        var trades = MarketDataSamples.Trades();

        var (result, files) = await _lakehouse.AppendTradesAsync(trades);

        Assert.Equal(AppendCommitStatus.Committed, result.Status);
        // One file per partition per flush: BINANCE and ASX, each on two days.
        Assert.Equal(4, files.Count);
        Assert.Equal(4, files.Select(f => f.Partition).Distinct().Count());
        var plan = await _lakehouse.Planner.PlanAsync(result.Table.Metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);
        var read = await _lakehouse.Reader.ReadTradesAsync(plan, ScanFilter.All, CancellationToken.None);
        MarketDataAssert.SameTrades(trades, read);
    }

    [Fact]
    public async Task Decimals_and_microsecond_timestamps_are_exact()
    {
        await _lakehouse.CreateTradesAsync();
        var trades = MarketDataSamples.Trades(perSymbolPerDay: 3);

        var (result, _) = await _lakehouse.AppendTradesAsync(trades);

        var plan = await _lakehouse.Planner.PlanAsync(result.Table.Metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);
        var read = await _lakehouse.Reader.ReadTradesAsync(plan, ScanFilter.All, CancellationToken.None);
        var tiny = read.First(t => t.Price == 0.00012345m);
        Assert.Equal("0.00012345", tiny.Price.ToString(CultureInfo.InvariantCulture));
        Assert.Contains(read, t => t.Price == -9_999_999_999.99999999m);
        Assert.All(read, t => Assert.NotEqual(0, t.Timestamp.Ticks % TimeSpan.TicksPerMillisecond));
        Assert.Equal(trades.Select(t => t.Timestamp).Order(), read.Select(t => t.Timestamp).Order());
    }

    [Fact]
    public async Task Rows_in_each_file_are_sorted_by_symbol_then_timestamp()
    {
        await _lakehouse.CreateTradesAsync();
        var (result, files) = await _lakehouse.AppendTradesAsync(MarketDataSamples.Trades());

        foreach (var file in files)
        {
            var plan = new ScanPlan(null, [file], new ScanMetrics(0, 0, 0, 0, 0));
            var rows = await _lakehouse.Reader.ReadTradesAsync(plan, ScanFilter.All, CancellationToken.None);
            // The reader orders by (symbol, timestamp); the file must already be in that order.
            var inFileOrder = await RawDuckDb.ColumnAsync<string>(_lakehouse.Storage.ResolveForQueryEngine(file.Location), "symbol || '|' || epoch_us(\"timestamp\")::VARCHAR");
            Assert.Equal(rows.Select(r => $"{r.Symbol}|{K2.Contracts.Model.UtcMicros.ToMicros(r.Timestamp)}"), inFileOrder);
        }

        Assert.Equal(AppendCommitStatus.Committed, result.Status);
    }

    [Fact]
    public async Task Quotes_read_back_row_for_row()
    {
        await _lakehouse.CreateQuotesAsync();
        var quotes = MarketDataSamples.Quotes();

        var (result, files) = await _lakehouse.AppendQuotesAsync(quotes);

        Assert.Equal(4, files.Count);
        var plan = await _lakehouse.Planner.PlanAsync(result.Table.Metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);
        var read = await _lakehouse.Reader.ReadQuotesAsync(plan, ScanFilter.All, CancellationToken.None);
        MarketDataAssert.SameQuotes(quotes, read);
        Assert.Equal(MarketDataTables.Quotes, result.Table.Identifier);
    }
}

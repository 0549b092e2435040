using K2.Contracts.Model;
using K2.Lakehouse.Bars;
using K2.Lakehouse.Caching;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Tests.Bars;

/// <summary>
/// Candles read through bar sidecars equal the candles of the raw trades, over real Parquet files in a real Iceberg
/// table: three appends of a shuffled random tape, so every minute is spread over several files.
/// </summary>
public sealed class BarSidecarCandleTests : IAsyncLifetime
{
    private const int Appends = 3;
    private static readonly long[] Widths = [TradeTape.Minute, 5 * TradeTape.Minute, 60 * TradeTape.Minute];

    private readonly DuckDbConnectionPool _pool = new(new DuckDbPoolSettings(2, 2, string.Empty));
    private LakehouseHarness _lakehouse = null!;
    private List<Trade> _trades = [];

    public async Task InitializeAsync()
    {
        _lakehouse = await LakehouseHarness.CreateAsync(maintenance: new Dictionary<string, string?> { ["MinSmallFilesPerPartition"] = "2" });
        await _lakehouse.CreateTradesAsync();
        _trades = TradeTape.Generate(seed: 8, count: 4_000);
        await TradeTape.AppendShuffledAsync(_lakehouse, _trades, Appends, seed: 80);
    }

    public async Task DisposeAsync()
    {
        await _pool.DisposeAsync();
        await _lakehouse.DisposeAsync();
    }

    public static TheoryData<string, DateTimeOffset?, DateTimeOffset?, bool, int> Windows()
    {
        var start = TradeTape.Start;
        return new()
        {
            { "everything", null, null, false, 10_000 },
            { "whole minutes", start.AddMinutes(-60), start.AddHours(4), false, 10_000 },
            { "mid-minute ends", start.AddMinutes(17).AddTicks(123_456_780), start.AddHours(2).AddMinutes(3).AddMilliseconds(500), false, 10_000 },
            { "mid-minute ends, newest first", start.AddMinutes(17).AddTicks(123_456_780), start.AddHours(2).AddMinutes(3).AddMilliseconds(500), true, 10_000 },
            { "a short page", start.AddMinutes(5).AddSeconds(30), start.AddHours(3), false, 7 },
            { "a short page, newest first", start.AddMinutes(5).AddSeconds(30), start.AddHours(3), true, 7 },
            { "open start", null, start.AddMinutes(90).AddMicroseconds(1), false, 10_000 },
            { "open end", start.AddMinutes(90).AddMicroseconds(-1), null, true, 10_000 },
            { "inside one minute", start.AddMinutes(30).AddSeconds(10), start.AddMinutes(30).AddSeconds(50), false, 10_000 },
        };
    }

    [Theory]
    [MemberData(nameof(Windows))]
    public async Task Candles_from_sidecars_equal_the_candles_of_the_raw_trades(string scenario, DateTimeOffset? from, DateTimeOffset? until, bool descending, int limit)
    {
        var window = TradeTape.Window(from, until, descending, limit);
        foreach (var width in Widths)
        {
            var expected = TradeTape.Expected(_trades, window, width);
            Assert.True(expected.Count > 0, scenario);
            Assert.Equal(expected, await ReadAsync(window, width));
        }
    }

    [Fact]
    public async Task Every_trades_file_has_a_sidecar_holding_the_minute_bars_of_its_own_rows()
    {
        var files = await LiveFilesAsync();

        Assert.Equal(Appends, files.Count);
        foreach (var file in files)
        {
            var path = _lakehouse.Storage.ResolveForQueryEngine(file);
            var sidecar = _lakehouse.Storage.ResolveForQueryEngine(BarSidecar.LocationFor(file));
            var ids = (await RawDuckDb.ColumnAsync<string>(path, "trade_id")).ToHashSet(StringComparer.Ordinal);
            var rows = _trades.Where(t => ids.Contains(t.TradeId)).ToList();
            var expected = rows
                .GroupBy(t => (t.Symbol, Minute: UtcMicros.ToMicros(t.Timestamp) / TradeTape.Minute * TradeTape.Minute))
                .OrderBy(g => g.Key.Symbol, StringComparer.Ordinal).ThenBy(g => g.Key.Minute)
                .Select(g => $"{g.Key.Symbol} {g.Key.Minute} {g.Count()} {g.Sum(t => t.Quantity):F8} {g.Sum(t => t.Price * t.Quantity):F16} {g.Max(t => t.PlatformSequence ?? 0)}")
                .ToList();

            var bars = await RawDuckDb.QueryAsync(
                "SELECT symbol, minute_us, trade_count, CAST(volume AS VARCHAR), CAST(notional AS VARCHAR), max_seq FROM read_parquet($path, hive_partitioning = false)",
                ("path", sidecar));

            Assert.Equal(expected, bars.Select(b => $"{b[0]} {b[1]} {b[2]} {b[3]} {b[4]} {b[5]}").ToList());
        }
    }

    [Fact]
    public async Task A_seam_inside_a_minute_leaves_exactly_the_hot_trades_out()
    {
        // The watermark falls in the middle of a minute; everything above it is hot except a few holes the cold side fills.
        var sequenced = _trades.Where(t => t.Symbol == TradeTape.Symbol && t.PlatformSequence is not null).OrderBy(t => t.PlatformSequence).ToList();
        var watermark = sequenced[sequenced.Count * 2 / 3].PlatformSequence!.Value;
        var hot = sequenced.Select(t => t.PlatformSequence!.Value).Where(s => s > watermark && s % 7 != 0).ToList();
        var window = TradeTape.Window(TradeTape.Start.AddMinutes(3).AddSeconds(1), TradeTape.Start.AddHours(5)) with { Seam = new ColdSeam(watermark, hot) };

        foreach (var width in Widths)
        {
            Assert.Equal(TradeTape.Expected(_trades, window, width), await ReadAsync(window, width));
        }
    }

    [Fact]
    public async Task Widths_that_split_minutes_and_price_bounds_are_answered_from_raw_rows()
    {
        var window = TradeTape.Window(TradeTape.Start.AddSeconds(15), TradeTape.Start.AddHours(2));

        Assert.Equal(TradeTape.Expected(_trades, window, 90_000_000), await ReadAsync(window, 90_000_000));
        var bounded = window with { MinPrice = 120m, MaxPrice = 180m };
        Assert.Equal(TradeTape.Expected(_trades, bounded, TradeTape.Minute), await ReadAsync(bounded, TradeTape.Minute));
    }

    [Fact]
    public async Task A_file_without_its_sidecar_is_read_raw_and_the_answer_stays_the_same()
    {
        var files = await LiveFilesAsync();
        await _lakehouse.Storage.DeleteAsync(BarSidecar.LocationFor(files[1]), CancellationToken.None);
        var window = TradeTape.Window(TradeTape.Start.AddMinutes(17).AddTicks(123_456_780), TradeTape.Start.AddHours(2).AddMinutes(3));

        foreach (var width in Widths)
        {
            Assert.Equal(TradeTape.Expected(_trades, window, width), await ReadAsync(window, width));
        }

        // Reading sidecars switched off: everything raw, the same answer.
        Assert.Equal(TradeTape.Expected(_trades, window, TradeTape.Minute), await ReadAsync(window, TradeTape.Minute, readSidecars: false));
    }

    [Fact]
    public async Task Compaction_writes_sidecars_for_its_files_and_expiry_deletes_the_replaced_files_sidecars()
    {
        var before = await LiveFilesAsync();

        var compacted = await _lakehouse.Compactor.CompactAsync(MarketDataTables.Trades, CancellationToken.None);

        Assert.NotEmpty(compacted);
        var after = await LiveFilesAsync();
        Assert.Empty(after.Intersect(before));
        Assert.All(after, f => Assert.True(File.Exists(_lakehouse.Storage.ResolveForQueryEngine(BarSidecar.LocationFor(f))), f));
        var window = TradeTape.Window(TradeTape.Start.AddMinutes(1).AddSeconds(1), TradeTape.Start.AddHours(3));
        foreach (var width in Widths)
        {
            Assert.Equal(TradeTape.Expected(_trades, window, width), await ReadAsync(window, width));
        }

        await _lakehouse.Expirer.ExpireAsync(MarketDataTables.Trades, DateTimeOffset.UtcNow.AddDays(1), minSnapshotsToKeep: 1, CancellationToken.None);

        Assert.All(before, f => Assert.False(File.Exists(_lakehouse.Storage.ResolveForQueryEngine(BarSidecar.LocationFor(f))), f));
        Assert.All(after, f => Assert.True(File.Exists(_lakehouse.Storage.ResolveForQueryEngine(BarSidecar.LocationFor(f))), f));
    }

    /// <summary>Through a fresh reader each time, so what the sidecar index remembers never hides a change on disk.</summary>
    private async Task<IReadOnlyList<Candle>> ReadAsync(HistoryWindow window, long widthMicros, bool readSidecars = true)
    {
        var metadata = (await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None)).Metadata;
        var plan = await _lakehouse.Planner.PlanAsync(metadata, SnapshotSelection.Current, MarketDataHistoryReader.PlanFilter(window), CancellationToken.None);
        var index = new BarSidecarIndex(_lakehouse.Storage, Options.Create(new ScanCacheOptions()), Options.Create(new LakehouseOptions { ReadBarSidecars = readSidecars }));
        var reader = new MarketDataHistoryReader(_lakehouse.Storage, _pool, index);
        return await reader.ReadCandlesAsync(plan, window, widthMicros, CancellationToken.None);
    }

    private async Task<List<string>> LiveFilesAsync()
    {
        var metadata = (await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None)).Metadata;
        var plan = await _lakehouse.Planner.PlanAsync(metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);
        return [.. plan.Files.Select(f => f.Location).Order(StringComparer.Ordinal)];
    }
}

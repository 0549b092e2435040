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
/// Candles aggregated from cached sidecar bars equal the candles of the raw trades: served again from memory, with a
/// bound that keeps nothing or evicts all the time, and with a planned file that holds no bars of the symbol. Over
/// real Parquet files in a real Iceberg table, the tape of <see cref="BarSidecarCandleTests"/>.
/// </summary>
public sealed class SidecarBarCacheTests : IAsyncLifetime
{
    private const int Appends = 3;
    private const int SeamWindows = 1;
    private static readonly long[] Widths = [TradeTape.Minute, 5 * TradeTape.Minute, 60 * TradeTape.Minute];

    private readonly DuckDbConnectionPool _pool = new(new DuckDbPoolSettings(2, 2, string.Empty));
    private LakehouseHarness _lakehouse = null!;
    private List<Trade> _trades = [];

    public async Task InitializeAsync()
    {
        _lakehouse = await LakehouseHarness.CreateAsync();
        await _lakehouse.CreateTradesAsync();
        _trades = TradeTape.Generate(seed: 9, count: 4_000);
        await TradeTape.AppendShuffledAsync(_lakehouse, _trades, Appends, seed: 90);
    }

    public async Task DisposeAsync()
    {
        await _pool.DisposeAsync();
        await _lakehouse.DisposeAsync();
    }

    [Fact]
    public async Task The_same_candles_come_back_from_the_cache_on_the_second_run()
    {
        var cache = Cache(2_000_000);
        var reader = Reader(cache);
        var windows = Windows();

        await AssertAllEqualRawAsync(reader, windows);
        var misses = cache.Misses;
        Assert.Equal(Appends, misses); // every sidecar decoded once, then served from memory
        var hits = cache.Hits;

        await AssertAllEqualRawAsync(reader, windows);

        Assert.Equal(misses, cache.Misses);
        // Every window but "inside one minute" (no whole minute, read raw) asks for the three sidecars at each width.
        Assert.Equal(hits + ((windows.Count + SeamWindows - 1) * Widths.Length * Appends), cache.Hits);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(300)]
    public async Task A_cache_that_keeps_nothing_or_evicts_gives_the_same_candles(long maxCachedBars)
    {
        var cache = Cache(maxCachedBars);
        var reader = Reader(cache);

        await AssertAllEqualRawAsync(reader, Windows());
        await AssertAllEqualRawAsync(reader, Windows());

        Assert.True(cache.Weight <= maxCachedBars, $"{cache.Weight} > {maxCachedBars}");
        Assert.True(cache.Misses > Appends, $"{cache.Misses} misses: nothing was evicted or left out");
    }

    [Fact]
    public async Task A_sidecar_without_bars_of_the_symbol_is_cached_empty()
    {
        // Another symbol on both sides of BTCUSDT, so the file's symbol bounds do not prune it from the plan.
        var others = new[] { "ADAUSDT", "ETHUSDT" }
            .Select((symbol, i) => global::K2.Testing.Trades.Binance(i + 1, TradeTape.Start.AddMinutes(30 + i), symbol) with { Price = 10m + i, Quantity = 1m })
            .ToList();
        await _lakehouse.AppendTradesAsync(others);
        var cache = Cache(2_000_000);
        var reader = Reader(cache);
        var window = TradeTape.Window(TradeTape.Start.AddMinutes(1).AddSeconds(1), TradeTape.Start.AddHours(3));

        var plan = await PlanAsync(window);
        Assert.Equal(Appends + 1, plan.Files.Count);
        Assert.Equal(TradeTape.Expected(_trades, window, TradeTape.Minute), await reader.ReadCandlesAsync(plan, window, TradeTape.Minute, CancellationToken.None));
        Assert.Equal(Appends + 1, cache.Misses);
        Assert.Equal(0, cache.Hits);

        Assert.Equal(TradeTape.Expected(_trades, window, 5 * TradeTape.Minute), await reader.ReadCandlesAsync(plan, window, 5 * TradeTape.Minute, CancellationToken.None));
        Assert.Equal(Appends + 1, cache.Misses); // the empty entry was kept: the second read decodes nothing
        Assert.Equal(Appends + 1, cache.Hits);
    }

    private static List<HistoryWindow> Windows()
    {
        var windows = BarSidecarCandleTests.Windows()
            .Select(row => TradeTape.Window((DateTimeOffset?)row[1], (DateTimeOffset?)row[2], (bool)row[3], (int)row[4]))
            .ToList();
        return windows;
    }

    private async Task AssertAllEqualRawAsync(MarketDataHistoryReader reader, List<HistoryWindow> windows)
    {
        // A seam inside a minute too: the cut at the seam is computed from the cached bars' max_seq.
        var sequenced = _trades.Where(t => t.Symbol == TradeTape.Symbol && t.PlatformSequence is not null).OrderBy(t => t.PlatformSequence).ToList();
        var watermark = sequenced[sequenced.Count / 2].PlatformSequence!.Value;
        var hot = sequenced.Select(t => t.PlatformSequence!.Value).Where(s => s > watermark && s % 5 != 0).ToList();
        foreach (var window in windows.Append(TradeTape.Window(TradeTape.Start.AddSeconds(1), TradeTape.Start.AddHours(5)) with { Seam = new ColdSeam(watermark, hot) }).ToList())
        {
            var plan = await PlanAsync(window);
            foreach (var width in Widths)
            {
                Assert.Equal(TradeTape.Expected(_trades, window, width), await reader.ReadCandlesAsync(plan, window, width, CancellationToken.None));
            }
        }
    }

    private async Task<ScanPlan> PlanAsync(HistoryWindow window)
    {
        var metadata = (await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None)).Metadata;
        return await _lakehouse.Planner.PlanAsync(metadata, SnapshotSelection.Current, MarketDataHistoryReader.PlanFilter(window), CancellationToken.None);
    }

    private MarketDataHistoryReader Reader(SidecarBarCache cache) =>
        new(_lakehouse.Storage, _pool, new BarSidecarIndex(_lakehouse.Storage, Options.Create(new ScanCacheOptions()), Options.Create(new LakehouseOptions())), cache);

    private static SidecarBarCache Cache(long maxCachedBars) => new(Options.Create(new ScanCacheOptions { MaxCachedBars = maxCachedBars }));
}

using K2.Contracts.Model;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Reading.Tail;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using K2.Lakehouse.Tests.Maintenance;
using K2.Testing;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Tests.Reading;

/// <summary>
/// The cold tail cache answers every page exactly as the table read does: randomised appends (out of time order, with
/// ties on the timestamp), compactions, manifest merges and snapshot expiries between requests, and requests with
/// random limits, cursors, seams and time travel, each compared with the uncached read of the same snapshot.
/// </summary>
public sealed class ColdTailTests
{
    private const int RowsPerSymbol = 20;

    private static readonly (string Exchange, string Symbol)[] Symbols = [("BINANCE", "BTCUSDT"), ("BINANCE", "ETHUSDT"), ("ASX", "BHP")];

    [Theory]
    [InlineData(20261127, 10_000)] // every symbol fits
    [InlineData(7, 45)] // fewer rows than three symbols' tails: symbols are evicted and rebuilt
    public async Task Every_page_equals_the_uncached_read_across_commits_compactions_and_expiries(int seed, long maxRows)
    {
        await using var lakehouse = await SmallFileTable.CreateHarnessAsync();
        await lakehouse.CreateTradesAsync();
        await using var pool = new DuckDbConnectionPool(new DuckDbPoolSettings(2, 2, "1GB"));
        var reader = new MarketDataHistoryReader(lakehouse.Storage, pool, lakehouse.BarSidecars);
        var tail = new ColdTailReader(lakehouse.Planner, reader, Options.Create(new ColdTailOptions { RowsPerSymbol = RowsPerSymbol, MaxRows = maxRows }));
        var random = new Random(seed);
        var flow = new TradeFlow(random);
        var compacted = 0;
        var expired = 0;

        for (var round = 0; round < 30; round++)
        {
            switch (round % 10)
            {
                case 5:
                    expired += (await lakehouse.Expirer.ExpireAsync(MarketDataTables.Trades, DateTimeOffset.UtcNow.AddDays(1), minSnapshotsToKeep: 2, CancellationToken.None)).ExpiredSnapshotIds.Count;
                    break;
                case 7:
                    await lakehouse.ManifestMerger.MergeAsync(MarketDataTables.Trades, CancellationToken.None);
                    break;
                case 9:
                    compacted += (await lakehouse.Compactor.CompactAsync(MarketDataTables.Trades, CancellationToken.None)).Count(r => r.SnapshotId is not null);
                    break;
                default:
                    await lakehouse.AppendTradesAsync(flow.Next());
                    break;
            }

            var table = await SmallFileTable.LoadAsync(lakehouse);
            for (var request = 0; request < 6; request++)
            {
                var snapshot = random.Next(5) == 0 ? table.Snapshots[random.Next(table.Snapshots.Count)] : table.CurrentSnapshot!;
                var (exchange, symbol) = Symbols[random.Next(Symbols.Length)];
                var everything = await UncachedAsync(lakehouse, reader, table, snapshot, Window(exchange, symbol, 10_000));
                var window = RandomWindow(random, exchange, symbol, everything);

                var expected = await UncachedAsync(lakehouse, reader, table, snapshot, window);
                var actual = await tail.TryReadTradesAsync(table, snapshot, window, CancellationToken.None) ?? expected;
                Assert.Equal(expected.Select(HistoryKey.Of), actual.Select(HistoryKey.Of));
                MarketDataAssert.SameTrades(expected, actual);
            }

            Assert.InRange(tail.TradeStats.Rows, 0, maxRows);
        }

        // The scenario must have exercised what it claims to: pages served, tails advanced over appends, rebuilt after
        // compactions or expiries, and compactions and expiries that happened.
        var stats = tail.TradeStats;
        Assert.True(stats.PagesServed > 60, $"too few pages served from the cache: {stats}");
        Assert.True(stats.TailsAdvanced > 10, $"too few tails advanced: {stats}");
        Assert.True(stats.TailsBuilt >= Symbols.Length, $"{stats}");
        Assert.True(compacted > 0 && expired > 0, $"compactions {compacted}, expired snapshots {expired}");
    }

    [Fact]
    public async Task Quotes_latest_pages_are_served_and_advanced_like_trades()
    {
        await using var lakehouse = await LakehouseHarness.CreateAsync();
        await lakehouse.CreateQuotesAsync();
        await using var pool = new DuckDbConnectionPool(new DuckDbPoolSettings(2, 2, "1GB"));
        var reader = new MarketDataHistoryReader(lakehouse.Storage, pool, lakehouse.BarSidecars);
        var tail = new ColdTailReader(lakehouse.Planner, reader, Options.Create(new ColdTailOptions { RowsPerSymbol = 5 }));
        var quotes = MarketDataSamples.Quotes(perSymbolPerDay: 4);
        await lakehouse.AppendQuotesAsync(quotes.Take(6).ToList());
        for (var append = 0; append < 2; append++)
        {
            var table = (await lakehouse.Catalog.LoadTableAsync(MarketDataTables.Quotes, CancellationToken.None)).Metadata;
            foreach (var (exchange, symbol) in new[] { ("BINANCE", "BTCUSDT"), ("ASX", "BHP") })
            {
                var window = Window(exchange, symbol, 4);
                var plan = await lakehouse.Planner.PlanAsync(table, SnapshotSelection.Current, MarketDataHistoryReader.PlanFilter(window), CancellationToken.None);
                var expected = await reader.ReadQuotesAsync(plan, window, CancellationToken.None);
                var actual = await tail.TryReadQuotesAsync(table, table.CurrentSnapshot!, window, CancellationToken.None);
                Assert.NotNull(actual);
                Assert.Equal(expected.Select(HistoryKey.Of), actual.Select(HistoryKey.Of));
                MarketDataAssert.SameQuotes(expected, actual);
            }

            await lakehouse.AppendQuotesAsync(quotes.Skip(6).ToList());
        }

        Assert.Equal(new ColdTailStats(PagesServed: 4, TailsAdvanced: 2, TailsBuilt: 2, Symbols: 2, Rows: 5 + 5), tail.QuoteStats);
    }

    private static HistoryWindow Window(string exchange, string symbol, int limit) =>
        new() { Exchange = exchange, Symbol = symbol, Descending = true, Limit = limit };

    /// <summary>A page as the API asks for it: some within the tail, some deeper than it, some the cache must refuse.</summary>
    private static HistoryWindow RandomWindow(Random random, string exchange, string symbol, IReadOnlyList<Trade> everything)
    {
        var window = Window(exchange, symbol, random.Next(3) == 0 ? random.Next(1, RowsPerSymbol + 5) : random.Next(1, 8));
        if (everything.Count > 0 && random.Next(3) == 0)
        {
            window = window with { After = HistoryKey.Of(everything[random.Next(everything.Count)]) };
        }

        if (everything.Count > 0 && random.Next(3) == 0)
        {
            // The grain's seam: a watermark and hot trades above it, some of them committed (shadowed) and some not.
            var sequences = everything.Where(t => t.PlatformSequence is not null).Select(t => t.PlatformSequence!.Value).ToList();
            var watermark = sequences.Count == 0 ? 0 : sequences[random.Next(sequences.Count)];
            var hot = sequences.Where(s => s > watermark && random.Next(2) == 0).Append(watermark + 10_000).ToList();
            window = window with { Seam = new ColdSeam(watermark, hot) };
        }

        return random.Next(12) switch
        {
            0 => window with { Descending = false },
            1 => window with { Until = MarketDataSamples.Day2.AddHours(11) },
            2 => window with { MinPrice = 1m },
            _ => window,
        };
    }

    private static async Task<IReadOnlyList<Trade>> UncachedAsync(LakehouseHarness lakehouse, MarketDataHistoryReader reader, TableMetadata table, Snapshot snapshot, HistoryWindow window)
    {
        var plan = await lakehouse.Planner.PlanAsync(table, SnapshotSelection.ById(snapshot.SnapshotId), MarketDataHistoryReader.PlanFilter(window), CancellationToken.None);
        return await reader.ReadTradesAsync(plan, window, CancellationToken.None);
    }

    /// <summary>
    /// Batches of trades for <see cref="Symbols"/> as flushes would carry them, but with times drawn from a few
    /// seconds over two days (so later batches hold older rows, and rows tie on the timestamp); each symbol's
    /// platform sequence counts up, and a third of the ASX trades have none.
    /// </summary>
    private sealed class TradeFlow(Random random)
    {
        private readonly Dictionary<string, long> _sequences = [];
        private int _id;

        public List<Trade> Next()
        {
            var batch = new List<Trade>();
            foreach (var (exchange, symbol) in Symbols)
            {
                for (var i = random.Next(0, 9); i > 0; i--)
                {
                    var at = MarketDataSamples.Day1.AddDays(random.Next(2)).AddHours(10).AddSeconds(random.Next(40)).AddTicks(random.Next(3) * 10);
                    var sequence = _sequences[symbol] = _sequences.GetValueOrDefault(symbol) + 1;
                    var trade = exchange == "ASX" ? Trades.Asx(++_id, symbol, at) : Trades.Binance(++_id, at, symbol);
                    batch.Add(trade with { PlatformSequence = exchange == "ASX" && random.Next(3) == 0 ? null : sequence });
                }
            }

            return batch;
        }
    }
}

using System.Text.Json;
using K2.Api.Tests.Infrastructure;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;
using K2.Testing;

namespace K2.Api.Tests;

/// <summary>
/// Cold pages read top-k: the planned files in the page's time order, stopping once no unread file can hold a row of
/// the page (<c>MarketDataHistoryReader</c>). Over a real lakehouse with one file per append (no grain data), including
/// a file whose time range overlaps another's, every page must be exactly the full order's slice, in both orders.
/// </summary>
public sealed class TopKColdReadApiTests(ApiFixture fixture) : TopKColdReads(fixture), IClassFixture<ApiFixture>;

/// <summary>
/// The same pages with DuckDB connections that keep Parquet footers, bounded at two files and replaced as soon as
/// they are full: the reads go through every state of the pool's footer cache (filling, full with the cache off,
/// replaced) and must answer exactly as without it.
/// </summary>
public sealed class TopKColdReadWithFooterCacheApiTests(TopKColdReadWithFooterCacheApiTests.Fixture fixture)
    : TopKColdReads(fixture), IClassFixture<TopKColdReadWithFooterCacheApiTests.Fixture>
{
    public sealed class Fixture : ApiFixture
    {
        protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
        {
            ["K2:Query:FooterCacheFiles"] = "2",
            ["K2:Query:FooterCacheRefresh"] = "00:00:00",
        };
    }
}

public abstract class TopKColdReads(ApiFixture fixture)
{
    [Fact]
    public async Task Pages_in_both_orders_are_exact_slices_across_files_including_overlapping_ones()
    {
        const string symbol = "TOPKUSDT";
        var trades = await AppendThreeFilesAsync(symbol);
        var newestFirst = trades.OrderByDescending(HistoryKey.Of).Select(t => (string?)t.TradeId).ToList();

        foreach (var limit in new[] { 1, 7, 10, 11, 20, 61, 100 })
        {
            Assert.Equal(newestFirst, await ReadAllAsync(symbol, "desc", limit));
            Assert.Equal(Enumerable.Reverse(newestFirst), await ReadAllAsync(symbol, "asc", limit));
        }
    }

    [Fact]
    public async Task A_newest_first_page_does_not_open_files_whose_trades_are_all_older_than_it()
    {
        const string symbol = "TOPKGONEUSDT";
        var trades = Batch(symbol, 1, 20);
        var (_, oldest) = await fixture.Cold.AppendTradeFilesAsync(trades);
        await fixture.Cold.AppendTradeFilesAsync(Batch(symbol, 21, 40));
        await fixture.Cold.AppendTradeFilesAsync(Batch(symbol, 41, 60));

        // The oldest file is gone: a read that opened it would fail. The newest ten (and the one after them, to know
        // that more follow) are all in the newest file, which is newer than every other file. The page has an end far
        // in the future, so it is read top-k from the table, not from the cold tail cache (whose first read of a
        // symbol takes its newest K2:Query:ColdTail:RowsPerSymbol rows, deeper than this page).
        Assert.All(oldest, File.Delete);
        var page = await fixture.Http.GetJsonAsync($"/v1/trades?exchange=BINANCE&symbol={symbol}&limit=10&end=2100-01-01T00:00:00Z");

        Assert.Equal(Enumerable.Range(51, 10).Reverse().Select(i => $"BINANCE-{i}"), Ids(page));
        Assert.NotNull(page.GetProperty("nextCursor").GetString());
    }

    /// <summary>Trades 1..60 in three appends of 1..20, 21..40 and 41..60, the last with trade 61 timed inside 21..40.</summary>
    private async Task<List<Trade>> AppendThreeFilesAsync(string symbol)
    {
        var late = Trades.Binance(61, Trades.BaseTime.AddTicks(305_000), symbol) with { PlatformSequence = 61 };
        List<Trade>[] files = [Batch(symbol, 1, 20), Batch(symbol, 21, 40), [.. Batch(symbol, 41, 60), late]];
        foreach (var file in files)
        {
            await fixture.Cold.AppendTradesAsync(file);
        }

        return [.. files.SelectMany(f => f)];
    }

    private async Task<List<string?>> ReadAllAsync(string symbol, string order, int limit)
    {
        var ids = new List<string?>();
        string? cursor = null;
        do
        {
            var page = await fixture.Http.GetJsonAsync($"/v1/trades?exchange=BINANCE&symbol={symbol}&order={order}&limit={limit}" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            ids.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return ids;
    }

    private static List<Trade> Batch(string symbol, int first, int last) =>
        [.. Enumerable.Range(first, last - first + 1).Select(i => Trades.Binance(i, symbol: symbol) with { PlatformSequence = i })];

    private static List<string?> Ids(JsonElement body) => [.. body.GetProperty("trades").EnumerateArray().Select(row => row.GetProperty("tradeId").GetString())];
}

using System.Text.Json;
using K2.Api.Tests.Infrastructure;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;
using K2.Testing;

namespace K2.Api.Tests;

/// <summary>
/// Newest-first pages the grain's hot trades settle alone (no cold read, no cold snapshot named) against the real
/// cluster and lakehouse: they must be exactly the merged answer, a late trade older than the flushed ones must
/// still land in its place, and the grain's bound on its flushed trades must survive a re-activation. Grains are fed
/// directly (persisted at once), so a re-activated grain's watermark covers everything it was fed; the test commits
/// those trades to the table itself, as the silo's flush would have.
/// </summary>
public sealed class HotOnlyPageApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Symbol = "HOTONLYUSDT";
    private const int PageSize = 7;

    [Fact]
    public async Task Pages_served_from_the_grain_alone_are_the_merged_answer_before_and_after_a_flush_and_reactivation()
    {
        var trades = Numbered(30);
        // Trade 29 arrives late: its exchange time is older than every trade of the first flush.
        trades[28] = trades[28] with { Timestamp = Trades.BaseTime.AddTicks(55_000) };
        await IngestAsync(trades[..10]);
        await fixture.Cold.AppendTradesAsync(trades[..10]);
        await fixture.Cluster.DeactivateSymbolAsync($"BINANCE/{Symbol}");
        await IngestAsync(trades[10..]);

        var expected = trades.OrderByDescending(HistoryKey.Of).Select(t => t.TradeId).ToList();
        var merged = await fixture.Http.GetJsonAsync($"/v1/trades?exchange=BINANCE&symbol={Symbol}&order=asc&limit=100");
        Assert.Equal(expected, Enumerable.Reverse(Ids(merged)));

        var hot = await ReadNewestFirstAsync();
        Assert.Equal(expected, hot.SelectMany(Ids));
        Assert.All(hot, page => Assert.Equal(10, page.GetProperty("flushedThroughSequence").GetInt64()));
        // 30, 28, 27 … 11 are newer than the flushed trades: two full pages and the first row after them are hot. The
        // third page reaches the late trade and the flushed ones, so it and the rest read the table.
        Assert.Equal(new[] { true, true, false, false, false }, hot.Select(ServedHotOnly));
        Assert.Equal(Rows(merged).Where(row => Ids(hot[0]).Contains(row.GetProperty("tradeId").GetString())).Reverse().Select(Text), Rows(hot[0]).Select(Text));

        // The silo's flush of 11..30, then a re-activated grain: everything is cold now, the pages are unchanged.
        await fixture.Cold.AppendTradesAsync(trades[10..]);
        await fixture.Cluster.DeactivateSymbolAsync($"BINANCE/{Symbol}");
        var cold = await ReadNewestFirstAsync();
        Assert.All(cold, page => Assert.False(ServedHotOnly(page)));
        Assert.Equal(hot.Select(PageText), cold.Select(PageText));

        // Two more late trades, older than everything flushed: the re-activated grain still knows how new its flushed
        // trades are, so the newest trade is read from the table rather than taken from the hot window.
        await IngestAsync([Trades.Binance(31, Trades.BaseTime.AddTicks(5_000), Symbol), Trades.Binance(32, Trades.BaseTime.AddTicks(7_000), Symbol)]);
        var newest = await fixture.Http.GetJsonAsync($"/v1/trades?exchange=BINANCE&symbol={Symbol}&limit=1");
        Assert.Equal(["BINANCE-30"], Ids(newest));
        Assert.False(ServedHotOnly(newest));

        // And trades newer than the flushed ones are served from the grain again.
        await IngestAsync([Trades.Binance(33, symbol: Symbol), Trades.Binance(34, symbol: Symbol)]);
        newest = await fixture.Http.GetJsonAsync($"/v1/trades?exchange=BINANCE&symbol={Symbol}&limit=1");
        Assert.Equal(["BINANCE-34"], Ids(newest));
        Assert.True(ServedHotOnly(newest));
    }

    /// <summary>Every page of the symbol, newest first, following the cursors.</summary>
    private async Task<List<JsonElement>> ReadNewestFirstAsync()
    {
        var pages = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await fixture.Http.GetJsonAsync($"/v1/trades?exchange=BINANCE&symbol={Symbol}&limit={PageSize}" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            pages.Add(page);
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);
        return pages;
    }

    /// <summary>A page whose symbol has table data names no cold snapshot only when it was cut from the grain alone.</summary>
    private static bool ServedHotOnly(JsonElement page) => page.GetProperty("coldSnapshotId").ValueKind == JsonValueKind.Null;

    /// <summary>The page's answer (rows and cursor) as text, without the fields that say where it came from.</summary>
    private static string PageText(JsonElement page) =>
        string.Join('\n', Rows(page).Select(Text)) + "\n" + page.GetProperty("nextCursor").ToString();

    private static string Text(JsonElement row) => row.GetRawText();

    /// <summary>Trades 1..n with platform sequences 1..n, as the grain numbers them when fed in this order.</summary>
    private static List<Trade> Numbered(int count) =>
        [.. Enumerable.Range(1, count).Select(i => Trades.Binance(i, symbol: Symbol) with { PlatformSequence = i })];

    private Task IngestAsync(IEnumerable<Trade> trades) =>
        fixture.Cluster.Client.GetGrain<ISymbolGrain>($"BINANCE/{Symbol}").IngestAsync(new TradeBatch([.. trades.Select(t => t with { PlatformSequence = null })])).AsTask();

    private static List<JsonElement> Rows(JsonElement body) => [.. body.GetProperty("trades").EnumerateArray()];

    private static List<string?> Ids(JsonElement body) => [.. Rows(body).Select(row => row.GetProperty("tradeId").GetString())];
}

using K2.Api.Query;
using K2.Contracts.Grains;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using K2.Testing;

namespace K2.Api.Tests.Query;

public sealed class HotOnlyPageTests
{
    private static readonly SymbolKey Key = new("BINANCE", "BTCUSDT");

    [Fact]
    public void Whenever_a_page_is_cut_from_the_grain_alone_it_is_the_merged_page()
    {
        var random = new Random(8);
        var served = 0;
        for (var round = 0; round < 300; round++)
        {
            // Exchange times out of order (late trades, equal microseconds), a random watermark, random page sizes,
            // cursors and price bounds; the cold side holds exactly the trades at or below the watermark.
            var all = Enumerable.Range(1, 40)
                .Select(i => Trades.Binance(i, Trades.BaseTime.AddMilliseconds(random.Next(0, 30))) with { PlatformSequence = i, Price = random.Next(1, 4) })
                .ToList();
            var watermark = random.Next(0, 40);
            var cold = all.Where(t => t.PlatformSequence <= watermark).ToList();
            var hot = new HotTradeSlice
            {
                FlushedThroughSequence = watermark,
                Trades = all.Where(t => t.PlatformSequence > watermark).ToList(),
                NewestColdTime = cold.Count == 0 ? DateTimeOffset.MinValue : cold.Max(t => t.Timestamp),
            };
            var after = random.Next(3) == 0 ? HistoryKey.Of(all[random.Next(all.Count)]) : (HistoryKey?)null;
            var request = new HistoryRequest(Key, null, null, random.Next(1, 8), Descending: true, after, TimeTravel: null)
            {
                MaxPrice = random.Next(2) == 0 ? null : 2m,
            };

            if (HotOnlyPage.TryCut(request, hot) is { } page)
            {
                served++;
                var merged = TradeSeamMerge.Merge(cold, hot, request.ColdWindow(TradeSeamMerge.SeamFor(hot)), request.Limit);
                Assert.Equal(merged.Rows.Select(t => t.TradeId), page.Rows.Select(t => t.TradeId));
                Assert.Equal(merged.Next, page.Next);
            }
        }

        Assert.True(served > 20, $"only {served} of 300 pages were cut from the grain alone");
    }

    [Fact]
    public void The_table_is_read_when_the_grain_cannot_bound_its_flushed_trades_or_the_page_is_not_newest_first_now()
    {
        var trades = Enumerable.Range(1, 10).Select(i => Trades.Binance(i) with { PlatformSequence = i }).ToList();
        var bounded = new HotTradeSlice { Trades = trades, NewestColdTime = DateTimeOffset.MinValue };
        var newest = new HistoryRequest(Key, null, null, 3, Descending: true, After: null, TimeTravel: null);

        Assert.NotNull(HotOnlyPage.TryCut(newest, bounded));
        Assert.Null(HotOnlyPage.TryCut(newest, bounded with { NewestColdTime = null }));
        Assert.Null(HotOnlyPage.TryCut(newest with { Descending = false }, bounded));
        Assert.Null(HotOnlyPage.TryCut(newest with { TimeTravel = SnapshotSelection.ById(1) }, bounded));
        // The page's last trade (8) is older than a flushed trade: a cold row may belong on the page.
        Assert.Null(HotOnlyPage.TryCut(newest, bounded with { NewestColdTime = trades[7].Timestamp.AddTicks(10) }));
        Assert.NotNull(HotOnlyPage.TryCut(newest, bounded with { NewestColdTime = trades[7].Timestamp }));
        // Exactly a page of hot trades: whether more follow in the table is unknown without reading it.
        Assert.Null(HotOnlyPage.TryCut(newest with { Limit = 10 }, bounded));
    }
}

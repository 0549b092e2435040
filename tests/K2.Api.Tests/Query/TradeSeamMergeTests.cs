using K2.Api.Query;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;
using K2.Testing;

namespace K2.Api.Tests.Query;

public sealed class TradeSeamMergeTests
{
    private static readonly HistoryWindow Everything = new() { Exchange = "BINANCE", Symbol = "BTCUSDT", Limit = 1_000 };

    [Fact]
    public void Cold_at_or_below_the_watermark_and_hot_above_it_make_every_trade_once_in_order()
    {
        var all = Sequence(1, 10);
        var page = TradeSeamMerge.Merge(all[..6], Hot(6, all[6..]), Everything, 100);

        Assert.Equal(Ids(all), Ids(page.Rows));
        Assert.Null(page.Next);
    }

    [Fact]
    public void A_trade_committed_after_the_watermark_was_read_is_returned_once_not_twice()
    {
        var all = Sequence(1, 10);
        // The flush of 7 and 8 committed, but the grain has not confirmed it: they are cold and still hot.
        var page = TradeSeamMerge.Merge(all[..8], Hot(6, all[6..]), Everything, 100);

        Assert.Equal(Ids(all), Ids(page.Rows));
    }

    [Fact]
    public void A_hot_trade_at_or_below_the_watermark_is_ignored_because_the_table_is_authoritative_there()
    {
        var all = Sequence(1, 5);
        var stale = all[2] with { Price = 1m };
        var page = TradeSeamMerge.Merge(all[..3], Hot(3, [stale, .. all[3..]]), Everything, 100);

        Assert.Equal(Ids(all), Ids(page.Rows));
        Assert.Equal(all[2].Price, page.Rows[2].Price);
    }

    [Fact]
    public void Committed_trades_the_hot_window_no_longer_holds_fill_the_hole_instead_of_disappearing()
    {
        var all = Sequence(1, 10);
        // Watermark 4; the window evicted 5 and 6, which a later flush committed.
        var page = TradeSeamMerge.Merge(all[..6], Hot(4, all[6..]), Everything, 100);

        Assert.Equal(Ids(all), Ids(page.Rows));
    }

    [Fact]
    public void A_hole_on_both_sides_stays_a_hole_and_nothing_is_invented()
    {
        var all = Sequence(1, 6);
        var page = TradeSeamMerge.Merge(all[..2], Hot(3, all[4..]), Everything, 100);

        Assert.Equal([1, 2, 5, 6], page.Rows.Select(t => t.PlatformSequence!.Value));
    }

    [Fact]
    public void Rows_are_ordered_by_exchange_time_then_platform_sequence_not_by_arrival()
    {
        var t0 = Trades.BaseTime;
        var late = Trade(9, t0.AddSeconds(1)); // arrived last, happened early
        var sameMicrosecond = Trade(4, t0.AddSeconds(1));
        var first = Trade(1, t0);
        var page = TradeSeamMerge.Merge([first, sameMicrosecond], Hot(4, [late]), Everything, 100);
        var descending = TradeSeamMerge.Merge([first, sameMicrosecond], Hot(4, [late]), Everything with { Descending = true }, 100);

        Assert.Equal([1, 4, 9], page.Rows.Select(t => t.PlatformSequence!.Value));
        Assert.Equal([9, 4, 1], descending.Rows.Select(t => t.PlatformSequence!.Value));
    }

    [Fact]
    public void Cold_rows_without_a_platform_sequence_are_kept_and_sort_first_within_their_microsecond()
    {
        var at = Trades.BaseTime;
        var unnumbered = Trade(1, at) with { PlatformSequence = null, TradeId = "ASX-Z" };
        var numbered = Trade(1, at);
        var page = TradeSeamMerge.Merge([numbered, unnumbered], Hot(0, []), Everything, 100);

        Assert.Equal(["ASX-Z", numbered.TradeId], page.Rows.Select(t => t.TradeId));
    }

    [Fact]
    public void The_limit_cuts_the_page_and_the_next_position_is_the_last_row_returned()
    {
        var all = Sequence(1, 10);
        var page = TradeSeamMerge.Merge(all[..5], Hot(5, all[5..]), Everything, 4);
        var exact = TradeSeamMerge.Merge(all[..5], Hot(5, all[5..]), Everything, 10);

        Assert.Equal(Ids(all[..4]), Ids(page.Rows));
        Assert.Equal(HistoryKey.Of(all[3]), page.Next);
        Assert.Null(exact.Next);
    }

    [Fact]
    public void The_time_range_applies_to_hot_trades_too()
    {
        var all = Sequence(1, 10);
        var window = Everything with { From = all[2].Timestamp, Until = all[8].Timestamp };
        var page = TradeSeamMerge.Merge(all[..5], Hot(5, all[5..]), window, 100);

        Assert.Equal(Ids(all[2..8]), Ids(page.Rows));
    }

    [Fact]
    public void Without_a_hot_slice_time_travel_reads_cold_rows_only()
    {
        var all = Sequence(1, 4);
        var page = TradeSeamMerge.Merge(all, hot: null, Everything, 100);

        Assert.Equal(Ids(all), Ids(page.Rows));
        Assert.Null(TradeSeamMerge.SeamFor(null));
    }

    [Fact]
    public void The_seam_handed_to_the_cold_query_lists_only_hot_sequences_above_the_watermark()
    {
        var all = Sequence(1, 6);
        var seam = TradeSeamMerge.SeamFor(Hot(3, all[2..]));

        Assert.NotNull(seam);
        Assert.Equal(3, seam.FlushedThroughSequence);
        Assert.Equal([4L, 5, 6], seam.HotSequences);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Paging_through_any_split_returns_every_trade_exactly_once_in_order(bool descending)
    {
        var random = new Random(20140311);
        for (var round = 0; round < 200; round++)
        {
            var all = Shuffled(Sequence(1, random.Next(1, 40)), random);
            var watermark = random.Next(0, all.Count + 1);
            var flushedAbove = random.Next(watermark, all.Count + 1); // committed but not yet confirmed
            var cold = all.Where(t => t.PlatformSequence <= flushedAbove).ToList();
            var hot = Hot(watermark, [.. all.Where(t => t.PlatformSequence > watermark).OrderBy(t => t.PlatformSequence)]);
            var limit = random.Next(1, 8);

            var read = PageThrough(cold, hot, Everything with { Descending = descending }, limit);

            var expected = descending ? all.OrderByDescending(HistoryKey.Of) : all.OrderBy(HistoryKey.Of);
            Assert.Equal(Ids(expected), Ids(read));
        }
    }

    [Fact]
    public void Pages_stay_stable_while_newer_trades_arrive_between_requests()
    {
        var all = Sequence(1, 30);
        var read = new List<Trade>();
        HistoryKey? after = null;
        var arrived = 10;
        do
        {
            var page = TradeSeamMerge.Merge(all[..5], Hot(5, all[5..arrived]), Everything with { After = after }, 4);
            read.AddRange(page.Rows);
            after = page.Next;
            arrived = Math.Min(arrived + 3, all.Count);
        }
        while (after is not null);

        Assert.Equal(read.Count, read.Select(t => t.TradeId).Distinct().Count());
        Assert.Equal(Ids(read.OrderBy(HistoryKey.Of)), Ids(read));
        Assert.Equal(Ids(all[..read.Count]), Ids(read));
    }

    private static List<Trade> PageThrough(IReadOnlyList<Trade> cold, HotTradeSlice hot, HistoryWindow window, int limit)
    {
        var read = new List<Trade>();
        HistoryKey? after = null;
        do
        {
            var page = TradeSeamMerge.Merge(cold, hot, window with { After = after }, limit);
            Assert.True(page.Rows.Count <= limit);
            read.AddRange(page.Rows);
            after = page.Next;
        }
        while (after is not null);

        return read;
    }

    private static HotTradeSlice Hot(long watermark, IReadOnlyList<Trade> trades) =>
        new() { FlushedThroughSequence = watermark, FlushedSnapshotId = watermark > 0 ? 42 : null, Trades = trades };

    private static Trade Trade(long sequence, DateTimeOffset at) => Trades.Binance(sequence, at) with { PlatformSequence = sequence };

    /// <summary>Trades numbered <paramref name="first"/>..<paramref name="last"/>, one millisecond apart.</summary>
    private static List<Trade> Sequence(long first, long last)
    {
        var trades = new List<Trade>();
        for (var sequence = first; sequence <= last; sequence++)
        {
            trades.Add(Trade(sequence, Trades.BaseTime.AddMilliseconds(sequence)));
        }

        return trades;
    }

    /// <summary>Late arrivals: exchange times shuffled against the platform sequence, with ties.</summary>
    private static List<Trade> Shuffled(List<Trade> trades, Random random) =>
        [.. trades.Select(t => t with { Timestamp = Trades.BaseTime.AddMilliseconds(random.Next(0, trades.Count / 2 + 1)) })];

    private static List<string> Ids(IEnumerable<Trade> trades) => [.. trades.Select(t => t.TradeId)];
}

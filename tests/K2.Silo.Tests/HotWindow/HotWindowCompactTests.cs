using K2.Contracts.Model;
using K2.Silo.HotWindow;
using K2.Testing;

namespace K2.Silo.Tests.HotWindow;

/// <summary>
/// The trade window holds compact slots (<see cref="HotTrade"/>): every read gives back the trades added, in order,
/// identical; evictions by count and age and the ring's growth work on the slots.
/// </summary>
public sealed class HotWindowCompactTests
{
    [Fact]
    public void Every_read_returns_the_trades_added_identical_and_in_order_compact_or_kept_whole()
    {
        var window = new HotWindow<Trade, HotTrade>(new HotWindowBudget(new HotWindowOptions()));
        var added = Enumerable.Range(1, 20).Select(Mixed).ToList();
        // A loop, not ForEach(window.Add): the window is a struct, and a method group would add to a boxed copy.
        foreach (var record in added)
        {
            window.Add(record);
        }

        AssertSame(added.AsEnumerable().Reverse().Take(5), window.Latest(5));
        AssertSame(added.AsEnumerable().Reverse(), window.Latest(100));
        AssertSame(added, window.Unflushed());
        AssertSame(added.Skip(15), window.After(15, int.MaxValue));

        window.MarkFlushedThrough(12);
        AssertSame(added.Skip(12), window.Unflushed());
    }

    [Fact]
    public void At_capacity_the_oldest_flushed_trades_leave_and_the_rest_read_back_identical()
    {
        var window = new HotWindow<Trade, HotTrade>(new HotWindowBudget(new HotWindowOptions { MaxTrades = 4 }));
        var added = Enumerable.Range(1, 10).Select(Mixed).ToList();
        foreach (var record in added)
        {
            window.Add(record);
        }

        // Nothing is flushed yet: nothing may leave.
        Assert.Equal(10, window.Count);

        window.MarkFlushedThrough(10);

        Assert.Equal(4, window.Count);
        AssertSame(added.Skip(6).Reverse(), window.Latest(10));
        Assert.Equal(0, window.EvictedUnflushed);
    }

    [Fact]
    public void Flushed_trades_older_than_the_age_bound_leave_measured_from_the_newest_trade()
    {
        var window = new HotWindow<Trade, HotTrade>(new HotWindowBudget(new HotWindowOptions { MaxAge = TimeSpan.FromMinutes(1) }));
        var added = new[] { 0, 30, 59, 90, 120 }
            .Select((seconds, i) => Mixed(i + 1) with { Timestamp = Trades.BaseTime.AddSeconds(seconds) })
            .ToList();
        window.MarkFlushedThrough(5);
        foreach (var record in added)
        {
            window.Add(record);
        }

        // Newest at 120 s: the cutoff is 60 s, so 0, 30 and 59 s are gone, 90 and 120 s stay.
        AssertSame(added.Skip(3), window.Latest(10).Reverse());
    }

    [Fact]
    public void Over_the_hard_bound_unflushed_trades_leave_counted_with_their_newest_time()
    {
        var window = new HotWindow<Trade, HotTrade>(new HotWindowBudget(new HotWindowOptions { MaxTrades = 2, MaxUnflushedTrades = 3 }));
        var added = Enumerable.Range(1, 5).Select(Mixed).ToList();
        foreach (var record in added)
        {
            window.Add(record);
        }

        Assert.Equal(2, window.EvictedUnflushed);
        Assert.Equal(added[1].Timestamp, window.NewestEvictedUnflushed);
        AssertSame(added.Skip(2), window.Unflushed());
    }

    [Fact]
    public void A_rollback_drops_the_newest_trades_and_later_ones_read_back_identical()
    {
        var window = new HotWindow<Trade, HotTrade>(new HotWindowBudget(new HotWindowOptions()));
        var added = Enumerable.Range(1, 8).Select(Mixed).ToList();
        foreach (var record in added)
        {
            window.Add(record);
        }

        window.DropAbove(5);
        var replayed = Enumerable.Range(6, 3).Select(Mixed).ToList();
        foreach (var record in replayed)
        {
            window.Add(record);
        }

        AssertSame(added.Take(5).Concat(replayed), window.Unflushed());
    }

    [Fact]
    public void The_ring_grows_by_half_so_it_never_holds_much_more_than_its_trades()
    {
        var window = new HotWindow<Trade, HotTrade>(new HotWindowBudget(new HotWindowOptions()));
        Assert.Equal(0, window.Capacity);

        foreach (var count in new[] { 1, 3, 10, 300, 2_000 })
        {
            while (window.Count < count)
            {
                window.Add(Mixed(window.Count + 1));
            }

            Assert.InRange(window.Capacity, count, Math.Max(4, (count * 3 / 2) + 1));
        }

        AssertSame(Enumerable.Range(1, 2_000).Select(Mixed), window.Unflushed());
    }

    // Every third trade has a trade id that does not fit the compact form, so both kinds of slot interleave.
    private static Trade Mixed(int sequence)
    {
        var trade = Trades.Binance(1_000 + sequence) with { PlatformSequence = sequence };
        return sequence % 3 == 0 ? trade with { TradeId = $"BINANCE-x{sequence}" } : trade;
    }

    private static void AssertSame(IEnumerable<Trade> expected, IEnumerable<Trade> actual)
    {
        var expectedList = expected.ToList();
        var actualList = actual.ToList();
        Assert.Equal(expectedList.Count, actualList.Count);
        for (var i = 0; i < expectedList.Count; i++)
        {
            HotTradeTests.AssertIdentical(expectedList[i], actualList[i]);
        }
    }
}

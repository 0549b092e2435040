using K2.Silo.HotWindow;
using K2.Testing;

namespace K2.Silo.Tests.HotWindow;

/// <summary>The window's tail, which live subscriptions read as their backfill and to fill holes.</summary>
public sealed class HotWindowTailTests
{
    [Fact]
    public void After_returns_the_trades_above_a_sequence_oldest_first()
    {
        var window = WindowWithSequences(1, 10, new HotWindowOptions());

        Assert.Equal([8L, 9L, 10L], window.After(7, int.MaxValue).Select(t => t.PlatformSequence));
        Assert.Empty(window.After(10, int.MaxValue));
    }

    [Fact]
    public void After_keeps_only_the_newest_limit_trades()
    {
        var window = WindowWithSequences(1, 10, new HotWindowOptions());

        Assert.Equal([7L, 8L, 9L, 10L], window.After(0, 4).Select(t => t.PlatformSequence));
        Assert.Empty(window.After(0, 0));
    }

    [Fact]
    public void After_an_eviction_the_tail_starts_at_the_oldest_trade_still_held()
    {
        var window = WindowWithSequences(1, 10, new HotWindowOptions { MaxTrades = 3 });
        window.MarkFlushedThrough(10);

        Assert.Equal([8L, 9L, 10L], window.After(2, int.MaxValue).Select(t => t.PlatformSequence));
    }

    private static HotWindow<K2.Contracts.Model.Trade, HotTrade> WindowWithSequences(long first, long last, HotWindowOptions options)
    {
        var window = new HotWindow<K2.Contracts.Model.Trade, HotTrade>(new HotWindowBudget(options));
        for (var sequence = first; sequence <= last; sequence++)
        {
            window.Add(Trades.Binance(sequence) with { PlatformSequence = sequence });
        }

        return window;
    }
}

using System.Diagnostics.Metrics;
using K2.Contracts.Model;
using K2.Silo.HotWindow;
using K2.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace K2.Silo.Tests.HotWindow;

/// <summary>
/// The silo's bound on flushed records its hot windows hold together (<see cref="HotWindowOptions.MaxSiloTrades"/>):
/// split evenly among the windows holding records, capped by <see cref="HotWindowOptions.MaxTrades"/>, never letting go
/// of a record above the watermark, and handed back when a window empties or its grain deactivates.
/// </summary>
public sealed class HotWindowBudgetTests
{
    private long _nextSequence;

    [Fact]
    public void Windows_holding_records_share_the_silo_bound_evenly_and_each_keeps_at_most_MaxTrades()
    {
        var budget = new HotWindowBudget(new HotWindowOptions { MaxTrades = 10, MaxSiloTrades = 12 });
        var busy = new HotWindow<Trade, HotTrade>(budget);
        AddFlushed(ref busy, 20);

        // Alone, its share (12) is above MaxTrades.
        Assert.Equal((1, 10, 10), (budget.Windows, budget.MaxRecords, busy.Count));

        var second = new HotWindow<Trade, HotTrade>(budget);
        AddFlushed(ref second, 1);
        Assert.Equal((2, 6), (budget.Windows, budget.MaxRecords));

        // A window trims to its share when it next changes.
        Assert.Equal(10, busy.Count);
        AddFlushed(ref busy, 1);
        Assert.Equal(6, busy.Count);

        var third = new HotWindow<Trade, HotTrade>(budget);
        AddFlushed(ref third, 1);
        AddFlushed(ref busy, 1);
        Assert.Equal((3, 4, 4), (budget.Windows, budget.MaxRecords, busy.Count));

        // The newest stay.
        Assert.Equal(_nextSequence, busy.Latest(1)[0].PlatformSequence);
    }

    [Fact]
    public void Trades_above_the_watermark_stay_whatever_the_share()
    {
        var budget = new HotWindowBudget(new HotWindowOptions { MaxSiloTrades = 2 });
        var window = new HotWindow<Trade, HotTrade>(budget);
        for (var i = 0; i < 10; i++)
        {
            window.Add(Next());
        }

        window.MarkFlushedThrough(5);

        // Five flushed trades could go down to the share of 2; the five unflushed ones may not.
        Assert.Equal(5, window.Count);
        Assert.Equal([6L, 7L, 8L, 9L, 10L], window.Unflushed().Select(trade => trade.PlatformSequence!.Value));
        Assert.Equal(0, window.EvictedUnflushed);
    }

    [Fact]
    public void A_window_hands_its_share_back_when_it_empties_or_is_released_and_the_others_keep_more()
    {
        var budget = new HotWindowBudget(new HotWindowOptions { MaxSiloTrades = 10 });
        var first = new HotWindow<Trade, HotTrade>(budget);
        var second = new HotWindow<Trade, HotTrade>(budget);
        Assert.Equal(0, budget.Windows);

        AddFlushed(ref first, 3);
        AddFlushed(ref second, 3);
        Assert.Equal((2, 5), (budget.Windows, budget.MaxRecords));

        second.Release();
        Assert.Equal((1, 10, 0), (budget.Windows, budget.MaxRecords, second.Count));

        // Released twice (a deactivation after a rollback emptied it) or emptied by a rollback: counted once.
        second.Release();
        first.DropAbove(0);
        Assert.Equal((0, 0), (budget.Windows, first.Count));

        AddFlushed(ref first, 1);
        Assert.Equal(1, budget.Windows);
    }

    [Fact]
    public void A_window_whose_share_fell_gives_its_slots_back()
    {
        var budget = new HotWindowBudget(new HotWindowOptions { MaxSiloTrades = 1_000 });
        var busy = new HotWindow<Trade, HotTrade>(budget);
        AddFlushed(ref busy, 1_000);
        Assert.InRange(busy.Capacity, 1_000, 1_500);

        var others = new HotWindow<Trade, HotTrade>[9];
        for (var i = 0; i < others.Length; i++)
        {
            others[i] = new HotWindow<Trade, HotTrade>(budget);
            AddFlushed(ref others[i], 1);
        }

        AddFlushed(ref busy, 1);

        Assert.Equal(100, busy.Count);
        Assert.InRange(busy.Capacity, 100, 150);
        // Its newest trade, then the newest 99 of its first thousand (the others' trades took 1,001-1,009).
        Assert.Equal(
            new[] { _nextSequence }.Concat(Enumerable.Range(0, 99).Select(i => 1_000L - i)),
            busy.Latest(1_000).Select(trade => trade.PlatformSequence!.Value));
    }

    [Fact]
    public void The_silo_reports_each_kinds_windows_and_their_share()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var trades = new HotWindowBudget(new HotWindowOptions { MaxSiloTrades = 100 });
        var quotes = new HotWindowBudget(new HotWindowOptions { MaxSiloTrades = 100 });
        HotWindowMetrics.Observe(meters, trades, quotes);
        var first = new HotWindow<Trade, HotTrade>(trades);
        var second = new HotWindow<Trade, HotTrade>(trades);
        AddFlushed(ref first, 1);
        AddFlushed(ref second, 1);

        var seen = new Dictionary<(string Name, string Kind), int>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, subscribed) =>
            {
                if (ReferenceEquals(instrument.Meter.Scope, meters))
                {
                    subscribed.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => seen[(instrument.Name, (string)tags[0].Value!)] = value);
        listener.Start();
        listener.RecordObservableInstruments();

        Assert.Equal(2, seen[("k2.silo.hot_window.windows", "trade")]);
        Assert.Equal(50, seen[("k2.silo.hot_window.share", "trade")]);
        Assert.Equal(0, seen[("k2.silo.hot_window.windows", "quote")]);
        Assert.Equal(100, seen[("k2.silo.hot_window.share", "quote")]);
    }

    private Trade Next()
    {
        var sequence = ++_nextSequence;
        return Trades.Binance(sequence) with { PlatformSequence = sequence };
    }

    /// <summary>Adds <paramref name="count"/> trades and marks everything so far flushed.</summary>
    private void AddFlushed(ref HotWindow<Trade, HotTrade> window, int count)
    {
        for (var i = 0; i < count; i++)
        {
            window.Add(Next());
        }

        window.MarkFlushedThrough(_nextSequence);
    }
}

using K2.Api.Query.Symbols;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;
using K2.Testing;

namespace K2.Api.Tests.Query;

public sealed class SymbolListingMergeTests
{
    private static readonly SymbolKey Btc = new("BINANCE", "BTCUSDT");

    [Fact]
    public void Trades_both_committed_and_hot_are_counted_once_and_the_time_range_spans_both_sides()
    {
        var trades = Enumerable.Range(1, 10).Select(i => Trades.Binance(i) with { PlatformSequence = i }).ToList();
        var cold = new SymbolStats("BINANCE", "BTCUSDT", Micros(trades[0]), Micros(trades[5]), 6);
        var hot = new HotTradeSlice { FlushedThroughSequence = 4, Trades = trades[4..] };

        var listing = Assert.Single(SymbolListingMerge.Merge([cold], new Dictionary<SymbolKey, HotTradeSlice> { [Btc] = hot }, new Dictionary<SymbolKey, long> { [Btc] = 2 }));

        Assert.Equal(10, listing.Count);
        Assert.Equal(6, listing.HotCount);
        Assert.Equal(Micros(trades[0]), listing.FirstMicros);
        Assert.Equal(Micros(trades[9]), listing.LastMicros);
    }

    [Fact]
    public void Symbols_only_hot_or_only_cold_are_listed_in_exchange_then_symbol_order()
    {
        var hotOnly = new HotTradeSlice { Trades = [Trades.Binance(1) with { PlatformSequence = 1 }] };
        var cold = new SymbolStats("ASX", "BHP", 1, 2, 3);
        var idle = new HotTradeSlice();

        var listings = SymbolListingMerge.Merge(
            [cold],
            new Dictionary<SymbolKey, HotTradeSlice> { [Btc] = hotOnly, [new SymbolKey("BINANCE", "ETHUSDT")] = idle },
            new Dictionary<SymbolKey, long>());

        Assert.Equal(["ASX/BHP", "BINANCE/BTCUSDT"], listings.Select(l => $"{l.Exchange}/{l.Symbol}"));
        Assert.Equal((3L, 0L), (listings[0].Count, listings[0].HotCount));
        Assert.Equal((1L, 1L), (listings[1].Count, listings[1].HotCount));
    }

    private static long Micros(Trade trade) => UtcMicros.ToMicros(trade.Timestamp);
}

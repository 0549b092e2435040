using K2.Contracts.Model;
using K2.Lakehouse.Reading;

namespace K2.Api.Query.Candles;

/// <summary>
/// Candles from hot trades, and the merge of two partial candles of the same bucket (cold from DuckDB, hot from the
/// grain). Everything stays exact: open and close are chosen by <see cref="HistoryKey"/>, volume and notional add up
/// as decimals, VWAP is divided once at the end.
/// </summary>
public static class CandleMath
{
    /// <summary>Decimals of a VWAP: the scale of the prices it averages.</summary>
    public const int VwapDecimals = MarketDecimal.Scale;

    public static IEnumerable<Candle> Aggregate(IEnumerable<Trade> trades, long widthMicros) =>
        trades
            .GroupBy(t => CandleInterval.BucketStart(UtcMicros.ToMicros(t.Timestamp), widthMicros))
            .Select(bucket => bucket.Select(One).Aggregate(Merge) with { BucketStartMicros = bucket.Key });

    /// <summary>The candle of two disjoint sets of trades of the same bucket.</summary>
    public static Candle Merge(Candle first, Candle second) => Candle.Merge(first, second);

    /// <summary>Σ(price × quantity) / Σ quantity, rounded half to even to <see cref="VwapDecimals"/> decimals.</summary>
    public static decimal Vwap(Candle candle)
    {
        ArgumentNullException.ThrowIfNull(candle);
        return Math.Round(candle.Notional / candle.Volume, VwapDecimals, MidpointRounding.ToEven);
    }

    private static Candle One(Trade trade)
    {
        var key = HistoryKey.Of(trade);
        return new Candle(0, trade.Price, trade.Price, trade.Price, trade.Price, trade.Quantity, trade.Price * trade.Quantity, 1, key, key);
    }
}

using K2.Lakehouse.Reading;

namespace K2.Lakehouse.Bars;

/// <summary>
/// Candles from decoded minute bars with the raw query's rules: epoch-aligned buckets, open and close the least and
/// greatest (key, price) (the struct minimum and maximum <see cref="CandleSql"/> takes), exact decimal sums.
/// </summary>
internal static class BarBuckets
{
    /// <summary>
    /// <paramref name="inside"/> up to the first minute whose bars may hold a trade the seam leaves to the hot side:
    /// such a minute's bar cannot leave that one trade out, so it and everything after it are read raw.
    /// </summary>
    public static MinuteSpan CutAtSeam(IReadOnlyList<SidecarBar> bars, MinuteSpan inside, ColdSeam? seam)
    {
        if (MinuteSpan.FirstShadowedSequence(seam) is not { } shadowed)
        {
            return inside;
        }

        var until = inside.UntilMicros;
        foreach (var bar in bars)
        {
            if (bar.MaxSequence >= shadowed && bar.MinuteStartMicros >= inside.FromMicros && bar.MinuteStartMicros < until)
            {
                until = bar.MinuteStartMicros;
            }
        }

        return inside with { UntilMicros = until };
    }

    /// <summary>The buckets of <paramref name="widthMicros"/> of the bars whose minute is in <paramref name="minutes"/>, in no order.</summary>
    public static IEnumerable<Candle> Candles(IReadOnlyList<SidecarBar> bars, MinuteSpan minutes, long widthMicros)
    {
        var buckets = new Dictionary<long, Candle>();
        foreach (var bar in bars)
        {
            var minute = bar.MinuteStartMicros;
            if (minute < minutes.FromMicros || minute >= minutes.UntilMicros)
            {
                continue;
            }

            var bucket = minute - (((minute % widthMicros) + widthMicros) % widthMicros);
            var candle = new Candle(bucket, bar.Open, bar.High, bar.Low, bar.Close, bar.Volume, bar.Notional, bar.TradeCount, bar.OpenKey, bar.CloseKey);
            buckets[bucket] = buckets.TryGetValue(bucket, out var held) ? Candle.Merge(held, candle) : candle;
        }

        return buckets.Values;
    }
}

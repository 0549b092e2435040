namespace K2.Lakehouse.Reading;

/// <summary>
/// One OHLCV bucket of one symbol, exact: volume and notional (Σ price × quantity) are decimal sums, so VWAP can be
/// computed exactly once at the end and two partial candles of the same bucket (cold and hot) merge without loss.
/// <see cref="OpenKey"/> and <see cref="CloseKey"/> say which trade gave the open and the close.
/// </summary>
public sealed record Candle(
    long BucketStartMicros,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal Volume,
    decimal Notional,
    long TradeCount,
    HistoryKey OpenKey,
    HistoryKey CloseKey)
{
    /// <summary>
    /// The candle of two disjoint sets of trades of the same bucket (cold and hot, or two parts of the cold side). A tie
    /// on the key is broken by price, as the struct minimum and maximum of <see cref="CandleSql"/> break it, so every
    /// way of splitting the trades gives the raw query's open and close.
    /// </summary>
    public static Candle Merge(Candle first, Candle second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var byOpen = first.OpenKey.CompareTo(second.OpenKey);
        var byClose = first.CloseKey.CompareTo(second.CloseKey);
        var openFirst = byOpen < 0 || (byOpen == 0 && first.Open <= second.Open);
        var closeFirst = byClose > 0 || (byClose == 0 && first.Close >= second.Close);
        return new Candle(
            first.BucketStartMicros,
            openFirst ? first.Open : second.Open,
            Math.Max(first.High, second.High),
            Math.Min(first.Low, second.Low),
            closeFirst ? first.Close : second.Close,
            first.Volume + second.Volume,
            first.Notional + second.Notional,
            first.TradeCount + second.TradeCount,
            openFirst ? first.OpenKey : second.OpenKey,
            closeFirst ? first.CloseKey : second.CloseKey);
    }
}

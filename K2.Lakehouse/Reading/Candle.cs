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
    HistoryKey CloseKey);

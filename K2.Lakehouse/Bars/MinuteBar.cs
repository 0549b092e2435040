namespace K2.Lakehouse.Bars;

/// <summary>
/// The 1-minute partial candle of one symbol's trades in one data file: open and close are the first and last trade
/// in <see cref="Reading.HistoryKey"/> order (ties on the key broken by price, as the raw query's struct minimum
/// does), volume and notional exact decimal sums. <see cref="MaxSequence"/> is the highest platform sequence among
/// the bar's trades (rows without one count as 0), so a reader can tell whether any of them may be served hot.
/// </summary>
internal sealed record MinuteBar(
    string Exchange,
    string Symbol,
    long MinuteStartMicros,
    decimal Open,
    long OpenTimestampMicros,
    long OpenSequence,
    string OpenId,
    decimal High,
    decimal Low,
    decimal Close,
    long CloseTimestampMicros,
    long CloseSequence,
    string CloseId,
    decimal Volume,
    decimal Notional,
    long TradeCount,
    long MaxSequence);

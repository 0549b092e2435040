namespace K2.QueryBench;

/// <summary>The five queries of issue 8, in the order they are measured.</summary>
internal enum QueryKind
{
    /// <summary>The newest 100 trades of one symbol.</summary>
    Latest100,

    /// <summary>Every trade of one symbol in one minute.</summary>
    MinuteRange,

    /// <summary>One UTC day of one symbol as 1-minute OHLCV candles.</summary>
    DayOhlcv,

    /// <summary>Every trade of several symbols in ten minutes (the export route).</summary>
    MultiSymbol,

    /// <summary>The newest 100 trades of one symbol as of the middle of the table's history (time travel).</summary>
    AsOfLatest100,
}

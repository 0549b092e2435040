namespace K2.QueryBench;

/// <summary>
/// What came back: items (trades or candles) and the trades they cover (the candles' trade counts summed). Used to
/// check every answer is plausible and, before timing, that the API and DuckDB answer the same requests alike.
/// </summary>
internal readonly record struct QueryAnswer(int Items, long Trades)
{
    /// <summary>Null if plausible for the request, else why not.</summary>
    public string? Implausibility(QueryDraw draw) => draw.Kind switch
    {
        QueryKind.Latest100 or QueryKind.AsOfLatest100 when Items != QueryDraw.LatestLimit => $"{Items} trades instead of {QueryDraw.LatestLimit}",
        QueryKind.MinuteRange when Items >= QueryDraw.RangeLimit => $"{Items} trades in one minute: the page is cut",
        QueryKind.DayOhlcv when Items is < 1 or > QueryDraw.CandlesPerDay || Trades < Items => $"{Items} candles over {Trades} trades for a day",
        QueryKind.MultiSymbol when Items < 1 || Items >= QueryDraw.MultiSymbolLimit => $"{Items} trades for {draw.Symbols.Count} symbols over {QueryDraw.MultiSymbolWindow}",
        _ => null,
    };
}

namespace K2.Lakehouse.Reading;

/// <summary>
/// One page of one symbol's history: an optional half-open time range [<see cref="From"/>, <see cref="Until"/>),
/// a keyset position to continue after (exclusive, in the direction of <see cref="Descending"/>), and a row limit.
/// </summary>
public sealed record HistoryWindow
{
    public required string Exchange { get; init; }

    public required string Symbol { get; init; }

    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? Until { get; init; }

    /// <summary>The last row of the previous page; rows strictly after it (in the page order) are read.</summary>
    public HistoryKey? After { get; init; }

    public bool Descending { get; init; }

    public required int Limit { get; init; }

    /// <summary>Inclusive price bounds (trades only); null ends are open.</summary>
    public decimal? MinPrice { get; init; }

    public decimal? MaxPrice { get; init; }

    /// <summary>Inclusive quantity bounds (trades only); null ends are open.</summary>
    public decimal? MinQuantity { get; init; }

    public decimal? MaxQuantity { get; init; }

    /// <summary>The hot/cold split to apply; null reads every cold row (time travel, quotes).</summary>
    public ColdSeam? Seam { get; init; }
}

/// <summary>
/// The cold side of the hot/cold seam for one symbol: a cold row belongs to the answer unless the same trade is
/// served hot. A row at or below <see cref="FlushedThroughSequence"/> is always cold; a row above it is shadowed
/// when its platform sequence is among <see cref="HotSequences"/>. Under the grain's contract every committed row
/// above the watermark is also hot, so this is exactly "cold at or below the watermark"; where a hot window no
/// longer holds a committed trade, the cold copy fills the hole instead of losing it.
/// </summary>
public sealed record ColdSeam(long FlushedThroughSequence, IReadOnlyList<long> HotSequences);

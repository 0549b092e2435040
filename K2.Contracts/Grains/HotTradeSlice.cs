using K2.Contracts.Model;

namespace K2.Contracts.Grains;

/// <summary>
/// What a symbol grain holds that the lakehouse may not: the hot side of the hot/cold seam. Every trade of the symbol
/// with <c>PlatformSequence &lt;= FlushedThroughSequence</c> is in the table as of <see cref="FlushedSnapshotId"/>
/// (and every later snapshot); every accepted trade above it is in <see cref="Trades"/>. A reader takes cold rows at
/// or below the watermark and hot rows above it, so each trade is returned exactly once even while a flush commits.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HotTradeSlice
{
    /// <summary>The trades snapshot the watermark was confirmed by; null before the symbol's first confirmed flush.</summary>
    [Id(0)] public long? FlushedSnapshotId { get; init; }

    /// <summary>Highest platform sequence of this symbol known to be committed; 0 when none is.</summary>
    [Id(1)] public long FlushedThroughSequence { get; init; }

    /// <summary>Accepted trades above the watermark, oldest (lowest platform sequence) first.</summary>
    [Id(2)] public IReadOnlyList<Trade> Trades { get; init; } = [];

    /// <summary>
    /// Upper bound on the exchange time of every trade of this symbol the table can hold that is not in
    /// <see cref="Trades"/> (<see cref="DateTimeOffset.MinValue"/>: there is none); null when the grain cannot bound it.
    /// A trade in <see cref="Trades"/> at or after it orders after every such row in the history order (same time: its
    /// platform sequence is higher), so a newest-first page of such trades needs no cold read.
    /// </summary>
    [Id(3)] public DateTimeOffset? NewestColdTime { get; init; }
}

using K2.Contracts.Model;

namespace K2.Contracts.Grains;

/// <summary>
/// The hot side of the quotes' hot/cold seam, as <see cref="HotTradeSlice"/> is for trades: every quote of the symbol
/// with <c>PlatformSequence &lt;= FlushedThroughSequence</c> is in the quotes table as of
/// <see cref="FlushedSnapshotId"/>; every accepted quote above it is in <see cref="Quotes"/>. Quote platform sequences
/// are numbered apart from trade ones.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record HotQuoteSlice
{
    /// <summary>The quotes snapshot the watermark was confirmed by; null before the symbol's first confirmed quote flush.</summary>
    [Id(0)] public long? FlushedSnapshotId { get; init; }

    /// <summary>Highest quote platform sequence of this symbol known to be committed; 0 when none is.</summary>
    [Id(1)] public long FlushedThroughSequence { get; init; }

    /// <summary>Accepted quotes above the watermark, oldest (lowest platform sequence) first.</summary>
    [Id(2)] public IReadOnlyList<Quote> Quotes { get; init; } = [];
}

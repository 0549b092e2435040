namespace K2.Contracts.Grains;

/// <summary>
/// What a symbol grain did with the symbol's quotes. Quotes carry no exchange sequence, so there are no gaps: a quote is
/// accepted (numbered in arrival order), dropped as a duplicate by message id, or rejected. Every quote offered lands in
/// exactly one of the three counters.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record QuoteIntegrity
{
    [Id(0)] public long Accepted { get; init; }

    [Id(1)] public long DuplicatesByMessageId { get; init; }

    [Id(2)] public long Rejected { get; init; }

    /// <summary>Last platform sequence assigned to a quote (quotes are numbered apart from trades).</summary>
    [Id(3)] public long LastPlatformSequence { get; init; }

    [Id(4)] public DateTimeOffset? LastQuoteTime { get; init; }
}

namespace K2.Contracts.Grains;

/// <summary>A symbol's data-integrity state: what arrived, what is missing, what was dropped and why.</summary>
[GenerateSerializer, Immutable]
public sealed record IntegritySummary
{
    [Id(0)] public required string Exchange { get; init; }

    [Id(1)] public required string Symbol { get; init; }

    /// <summary>Starts at 1; incremented by every detected session reset.</summary>
    [Id(2)] public int Session { get; init; }

    [Id(3)] public DateTimeOffset? SessionStartedAt { get; init; }

    /// <summary>Highest source sequence accepted in the current session.</summary>
    [Id(4)] public long? LastSequence { get; init; }

    /// <summary>Last platform sequence assigned to a trade without a source sequence.</summary>
    [Id(5)] public long LastPlatformSequence { get; init; }

    [Id(6)] public DateTimeOffset? LastTradeTime { get; init; }

    [Id(7)] public long Accepted { get; init; }

    [Id(8)] public long Late { get; init; }

    [Id(9)] public long DuplicatesBySequence { get; init; }

    [Id(10)] public long DuplicatesByMessageId { get; init; }

    [Id(11)] public long Rejected { get; init; }

    [Id(12)] public long SessionResets { get; init; }

    [Id(13)] public long GapsDetected { get; init; }

    /// <summary>Gaps fully filled by late arrivals.</summary>
    [Id(14)] public long GapsClosed { get; init; }

    /// <summary>Sequence numbers still missing across all tracked open gaps.</summary>
    [Id(15)] public long MissingSequences { get; init; }

    /// <summary>The open gaps, oldest first.</summary>
    [Id(16)] public IReadOnlyList<SequenceGap> OpenGaps { get; init; } = [];

    /// <summary>Gaps no longer tracked one by one (the list is capped, and a session reset retires the old session's gaps).</summary>
    [Id(17)] public long RetiredGaps { get; init; }

    [Id(18)] public long RetiredMissingSequences { get; init; }

    /// <summary>Trades at or below a retired gap's range: accepted, since they cannot be proven duplicates.</summary>
    [Id(19)] public long LateUnverified { get; init; }

    [Id(20)] public DateTimeOffset? LastIngestAt { get; init; }

    /// <summary>The symbol's quotes: counted apart from its trades (everything above is about trades).</summary>
    [Id(21)] public QuoteIntegrity Quotes { get; init; } = new();
}

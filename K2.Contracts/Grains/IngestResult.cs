namespace K2.Contracts.Grains;

/// <summary>What a symbol grain did with one batch. Every trade offered lands in exactly one counter.</summary>
[GenerateSerializer, Immutable]
public sealed record IngestResult
{
    [Id(0)] public int Accepted { get; init; }

    /// <summary>Accepted trades that filled a gap (lower than the high-water mark, never seen before).</summary>
    [Id(1)] public int Late { get; init; }

    [Id(2)] public int DuplicatesBySequence { get; init; }

    [Id(3)] public int DuplicatesByMessageId { get; init; }

    /// <summary>Trades refused because they belong to another symbol or break the model's invariants.</summary>
    [Id(4)] public int Rejected { get; init; }

    [Id(5)] public int SessionResets { get; init; }

    /// <summary>Gaps this batch opened, so a feed can ask its exchange to fill them.</summary>
    [Id(6)] public IReadOnlyList<SequenceGap> NewGaps { get; init; } = [];

    /// <summary>Why each rejected trade was refused, so the caller can dead-letter it with the reason.</summary>
    [Id(7)] public IReadOnlyList<TradeRejection> Rejections { get; init; } = [];

    /// <summary>
    /// Trades at or below the last offset this grain applied for their partition: a redelivery of what it already
    /// classified and persisted. Not classified again, no counter moves; they are in no other counter.
    /// </summary>
    [Id(8)] public int AlreadyApplied { get; init; }

    /// <summary>
    /// One entry per trade of the batch, in order: the platform sequence the trade was accepted under, or 0 when it
    /// was not accepted (duplicate, rejected, already applied). The consumer buffers exactly the accepted trades for
    /// the lakehouse, stamped with these sequences.
    /// </summary>
    [Id(9)] public IReadOnlyList<long> PlatformSequences { get; init; } = [];

    /// <summary>
    /// Set when the grain applied nothing because the batch does not continue from where the grain stands (it lost
    /// memory of unflushed verdicts, or another consumer moved it on). The caller must drop its unflushed buffer and
    /// re-read every partition from the offsets the lakehouse table records.
    /// </summary>
    [Id(10)] public string? ResyncReason { get; init; }

    public static IngestResult Resync(string reason) => new() { ResyncReason = reason };

    public int Duplicates => DuplicatesBySequence + DuplicatesByMessageId;
}

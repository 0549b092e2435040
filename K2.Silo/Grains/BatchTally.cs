using K2.Contracts.Grains;
using K2.Silo.Integrity;

namespace K2.Silo.Grains;

/// <summary>Counts the verdicts of one batch into the <see cref="IngestResult"/> the grain returns.</summary>
internal sealed class BatchTally(int trades)
{
    // Allocated on the first acceptance: a batch of duplicates costs nothing.
    private long[]? _platformSequences;
    private int _accepted;
    private int _late;
    private int _duplicatesBySequence;
    private int _duplicatesByMessageId;
    private int _resets;
    private int _alreadyApplied;
    private List<TradeRejection>? _rejections;
    private List<SequenceGap>? _newGaps;

    public IReadOnlyList<SequenceGap> NewGaps => _newGaps ?? (IReadOnlyList<SequenceGap>)[];

    public void CountAlreadyApplied() => _alreadyApplied++;

    /// <summary>Records that trade <paramref name="index"/> of the batch was accepted under <paramref name="platformSequence"/>.</summary>
    public void Accept(int index, long platformSequence) => (_platformSequences ??= new long[trades])[index] = platformSequence;

    public void Reject(TradeRejection rejection) => (_rejections ??= []).Add(rejection);

    public void Count(TradeVerdict verdict, SequenceGap? newGap)
    {
        if (newGap is not null)
        {
            (_newGaps ??= []).Add(newGap);
        }

        switch (verdict)
        {
            case TradeVerdict.Accepted:
                _accepted++;
                break;
            case TradeVerdict.Late or TradeVerdict.LateUnverified:
                _accepted++;
                _late++;
                break;
            case TradeVerdict.SessionReset:
                _accepted++;
                _resets++;
                break;
            case TradeVerdict.DuplicateBySequence:
                _duplicatesBySequence++;
                break;
            case TradeVerdict.DuplicateByMessageId:
                _duplicatesByMessageId++;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict.");
        }
    }

    public IngestResult ToResult() => new()
    {
        Accepted = _accepted,
        Late = _late,
        DuplicatesBySequence = _duplicatesBySequence,
        DuplicatesByMessageId = _duplicatesByMessageId,
        Rejected = _rejections?.Count ?? 0,
        SessionResets = _resets,
        AlreadyApplied = _alreadyApplied,
        NewGaps = NewGaps,
        Rejections = _rejections ?? (IReadOnlyList<TradeRejection>)[],
        PlatformSequences = _platformSequences ?? new long[trades],
    };
}

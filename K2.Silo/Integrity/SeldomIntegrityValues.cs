using System.Runtime.CompilerServices;

using K2.Contracts.Grains;

namespace K2.Silo.Integrity;

/// <summary>The counters of <see cref="SymbolIntegrityState"/> that most symbols never move (see <see cref="SeldomIntegrityValues"/>).</summary>
internal enum SeldomCounter
{
    Late,
    LateUnverified,
    DuplicatesBySequence,
    DuplicatesByMessageId,
    Rejected,
    SessionResets,
    GapsDetected,
    GapsClosed,
    RetiredGaps,
    RetiredMissingSequences,
}

/// <summary>
/// What a symbol's integrity state holds that stays zero or none for most symbols — late fills, duplicates, rejections,
/// session resets, open gaps and the floor retired gaps leave — and what only a log read from Kafka uses (applied
/// offsets, flush checkpoints, the message-id journal, ring delta and base), in one object the state creates when the first
/// of them is set: an idle symbol fed directly would otherwise carry 136 B of zeros and null references in its state
/// (docs/benchmarks.md, "Session 11"). Not stored as such: the state's properties are the serialized members, as before.
/// </summary>
internal sealed class SeldomIntegrityValues
{
    private Counters _counters;

    public long? UnverifiableUpTo { get; set; }

    public List<SequenceGap>? OpenGaps { get; set; }

    public Dictionary<string, long>? AppliedOffsets { get; set; }

    public List<StateCheckpoint<SymbolIntegrityState>>? Checkpoints { get; set; }

    public MessageIdJournal? RecentMessageIdsJournal { get; set; }

    public MessageIdRingDelta? RecentMessageIdsDelta { get; set; }

    public MessageIdRingBaseRef? RecentMessageIdsBase { get; set; }

    public long this[SeldomCounter counter]
    {
        get => _counters[(int)counter];
        set => _counters[(int)counter] = value;
    }

    /// <summary>
    /// A copy whose counters do not move with these (a checkpoint's state must not move with the live one); the
    /// references are shared, as a copy of the state shared them when they were its own fields.
    /// </summary>
    public SeldomIntegrityValues Copy() => (SeldomIntegrityValues)MemberwiseClone();

    [InlineArray(CounterCount)]
    private struct Counters
    {
        private long _element;
    }

    private const int CounterCount = (int)SeldomCounter.RetiredMissingSequences + 1;
}

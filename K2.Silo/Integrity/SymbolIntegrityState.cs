using K2.Contracts.Grains;

namespace K2.Silo.Integrity;

/// <summary>
/// The durable part of a symbol grain: everything needed to classify the next trade after a restart.
/// Bounded by construction: the gap list and the message-id window are capped by <see cref="IntegrityOptions"/>.
/// </summary>
[GenerateSerializer]
public sealed class SymbolIntegrityState : ILogState<SymbolIntegrityState>, IMessageIdRing
{
    // A field, not an auto-property: Orleans' analyzer wants every auto-property serialized (ORLEANS0004), and the
    // ring travels only as RecentMessageIdBytes.
    [NonSerialized]
    private Guid[] _recentMessageIds = [];

    // The offset map, checkpoint and gap lists are behind properties whose setters store an empty map or list as none:
    // a log that never needs one allocates none. They live in the seldom values, as do the journal and ring delta.

    // The four optional times (ids 1, 3, 10, 13) in 40 B instead of 96 (see OptionalTimes): every idle symbol grain
    // holds this state. Stored as before: the properties are the serialized members.
    [NonSerialized]
    private OptionalTimes _times;

    // Null until one of the counters most symbols never move, the retired-gap floor, a gap or a Kafka log's position is
    // set: see SeldomIntegrityValues.
    [NonSerialized]
    private SeldomIntegrityValues? _seldom;

    [Id(0)] public int Session { get; set; } = 1;

    [Id(1)]
    public DateTimeOffset? SessionStartedAt
    {
        get => _times.Get(SessionStartedAtSlot);
        set => _times.Set(SessionStartedAtSlot, value);
    }

    /// <summary>Highest source sequence accepted in the current session.</summary>
    [Id(2)] public long? HighWaterMark { get; set; }

    /// <summary>Latest exchange timestamp accepted in the current session.</summary>
    [Id(3)]
    public DateTimeOffset? LastTradeTime
    {
        get => _times.Get(LastTradeTimeSlot);
        set => _times.Set(LastTradeTimeSlot, value);
    }

    [Id(4)] public long LastPlatformSequence { get; set; }

    /// <summary>Open gaps sorted by <see cref="SequenceGap.From"/>, non-overlapping.</summary>
    public IReadOnlyList<SequenceGap> OpenGaps => _seldom?.OpenGaps ?? (IReadOnlyList<SequenceGap>)[];

    /// <summary>
    /// The stored form of <see cref="OpenGaps"/>: null when there are none, and an empty list stored by older code
    /// loads as none, so a symbol without gaps (most of them) holds no list (32 B per grain).
    /// </summary>
    [Id(5)]
    public List<SequenceGap>? StoredOpenGaps
    {
        get => _seldom?.OpenGaps;
        set => SetSeldom(NoneIfEmpty(value), static (seldom, gaps) => seldom.OpenGaps = gaps);
    }

    /// <summary>Highest sequence covered by a retired gap in this session; below it duplicates cannot be proven.</summary>
    [Id(6)]
    public long? UnverifiableUpTo
    {
        get => _seldom?.UnverifiableUpTo;
        set => SetSeldom(value, static (seldom, upTo) => seldom.UnverifiableUpTo = upTo);
    }

    /// <summary>Ring buffer of recent message ids, oldest overwritten first; stored as <see cref="RecentMessageIdBytes"/>.</summary>
    public Guid[] RecentMessageIds
    {
        get => _recentMessageIds;
        set => _recentMessageIds = value;
    }

    /// <summary>The ring as states stored before its byte form hold it (one field per id): read from them, never written.</summary>
    [Id(7)]
    public Guid[]? StoredRecentMessageIds
    {
        get => null;
        set => RecentMessageIds = value ?? RecentMessageIds;
    }

    [Id(8)] public int RecentMessageIdsNext { get; set; }

    /// <inheritdoc/>
    [Id(27)] public long RecentMessageIdsAdded { get; set; }

    /// <summary>The counters as states stored before they were folded into this class hold them: read from them, never written.</summary>
    [Id(9)]
    public IntegrityCounters? StoredCounters
    {
        get => null;
        set => value?.CopyTo(this);
    }

    [Id(10)]
    public DateTimeOffset? LastIngestAt
    {
        get => _times.Get(LastIngestAtSlot);
        set => _times.Set(LastIngestAtSlot, value);
    }

    /// <summary>
    /// Last Kafka offset applied per <c>topic/partition</c>. Persisted with the verdicts it produced, so a batch
    /// redelivered after a consumer crash (before its offset commit) is recognised and not classified again.
    /// One entry per partition the symbol was ever read from: normally one. Null until the first batch read from the
    /// log (a symbol fed only directly never needs one).
    /// </summary>
    [Id(11)]
    public Dictionary<string, long>? AppliedOffsets
    {
        get => _seldom?.AppliedOffsets;
        set => SetSeldom(NoneIfEmpty(value), static (seldom, offsets) => seldom.AppliedOffsets = offsets);
    }

    /// <summary>
    /// Flush checkpoints (see <see cref="StateCheckpoint{TState}"/>): per partition at most the one the lakehouse table
    /// records and the one a flush is committing. Null when there are none, always inside a checkpoint's own state.
    /// </summary>
    [Id(12)]
    public List<StateCheckpoint<SymbolIntegrityState>>? Checkpoints
    {
        get => _seldom?.Checkpoints;
        set => SetSeldom(NoneIfEmpty(value), static (seldom, checkpoints) => seldom.Checkpoints = checkpoints);
    }

    /// <inheritdoc cref="ILogState{TSelf}.NewestRecordTime"/>
    [Id(13)]
    public DateTimeOffset? NewestRecordTime
    {
        get => _times.Get(NewestRecordTimeSlot);
        set => _times.Set(NewestRecordTimeSlot, value);
    }

    /// <summary>The stored form of <see cref="RecentMessageIds"/> (see <see cref="MessageIdBytes"/>).</summary>
    [Id(14)]
    public byte[] RecentMessageIdBytes
    {
        get => MessageIdBytes.From(RecentMessageIds);
        set => RecentMessageIds = value is null ? [] : MessageIdBytes.ToIds(value);
    }

    [Id(15)]
    public MessageIdRingDelta? RecentMessageIdsDelta
    {
        get => _seldom?.RecentMessageIdsDelta;
        set => SetSeldom(value, static (seldom, delta) => seldom.RecentMessageIdsDelta = delta);
    }

    /// <inheritdoc/>
    [Id(28)]
    public MessageIdRingBaseRef? RecentMessageIdsBase
    {
        get => _seldom?.RecentMessageIdsBase;
        set => SetSeldom(value, static (seldom, reference) => seldom.RecentMessageIdsBase = reference);
    }

    // The counters of what the tracker has seen, for the integrity summary and metrics (ids 16-26; states stored before
    // hold them as StoredCounters, id 9). Accepted moves with every trade and is a field; the others live in the seldom
    // values, created by the first that moves.
    [Id(16)] public long Accepted { get; set; }

    [Id(17)] public long Late { get => Get(SeldomCounter.Late); set => Set(SeldomCounter.Late, value); }

    [Id(18)] public long LateUnverified { get => Get(SeldomCounter.LateUnverified); set => Set(SeldomCounter.LateUnverified, value); }

    [Id(19)] public long DuplicatesBySequence { get => Get(SeldomCounter.DuplicatesBySequence); set => Set(SeldomCounter.DuplicatesBySequence, value); }

    [Id(20)] public long DuplicatesByMessageId { get => Get(SeldomCounter.DuplicatesByMessageId); set => Set(SeldomCounter.DuplicatesByMessageId, value); }

    [Id(21)] public long Rejected { get => Get(SeldomCounter.Rejected); set => Set(SeldomCounter.Rejected, value); }

    [Id(22)] public long SessionResets { get => Get(SeldomCounter.SessionResets); set => Set(SeldomCounter.SessionResets, value); }

    [Id(23)] public long GapsDetected { get => Get(SeldomCounter.GapsDetected); set => Set(SeldomCounter.GapsDetected, value); }

    [Id(24)] public long GapsClosed { get => Get(SeldomCounter.GapsClosed); set => Set(SeldomCounter.GapsClosed, value); }

    [Id(25)] public long RetiredGaps { get => Get(SeldomCounter.RetiredGaps); set => Set(SeldomCounter.RetiredGaps, value); }

    [Id(26)] public long RetiredMissingSequences { get => Get(SeldomCounter.RetiredMissingSequences); set => Set(SeldomCounter.RetiredMissingSequences, value); }

    /// <summary>The open gaps to change (see <see cref="Integrity.GapList"/>), created by the first gap.</summary>
    internal List<SequenceGap> WritableOpenGaps => Seldom.OpenGaps ??= [];

    /// <summary>Drops every open gap (a list emptied by fills stays until the next gap reuses it).</summary>
    internal void ClearOpenGaps()
    {
        if (_seldom is not null)
        {
            _seldom.OpenGaps = null;
        }
    }

    /// <inheritdoc/>
    public MessageIdJournal? RecentMessageIdsJournal
    {
        get => _seldom?.RecentMessageIdsJournal;
        set => SetSeldom(value, static (seldom, journal) => seldom.RecentMessageIdsJournal = journal);
    }

    public SymbolIntegrityState MemberwiseCopy()
    {
        var copy = (SymbolIntegrityState)MemberwiseClone();
        copy._seldom = _seldom?.Copy();
        return copy;
    }

    private SeldomIntegrityValues Seldom => _seldom ??= new SeldomIntegrityValues();

    // The seldom values to set a member of: created for a value, not for a default (none, zero) where there are none.
    private SeldomIntegrityValues? SeldomFor(bool hasValue) => hasValue ? Seldom : _seldom;

    // Sets one seldom value: a value creates the seldom values, a none (null) changes them only where they exist.
    private void SetSeldom<T>(T value, Action<SeldomIntegrityValues, T> set)
    {
        if (SeldomFor(value is not null) is { } seldom)
        {
            set(seldom, value);
        }
    }

    // An empty map or list is stored as none: a log that never needs one allocates none.
    private static T? NoneIfEmpty<T>(T? value)
        where T : class, System.Collections.ICollection => value is { Count: 0 } ? null : value;

    private long Get(SeldomCounter counter) => _seldom?[counter] ?? 0;

    // A zero written to a counter that was never moved creates nothing: what the stored form loads into most states.
    private void Set(SeldomCounter counter, long value)
    {
        if (SeldomFor(value != 0) is { } seldom)
        {
            seldom[counter] = value;
        }
    }

    private const int SessionStartedAtSlot = 0;
    private const int LastTradeTimeSlot = 1;
    private const int LastIngestAtSlot = 2;
    private const int NewestRecordTimeSlot = 3;
}

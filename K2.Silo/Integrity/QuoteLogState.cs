namespace K2.Silo.Integrity;

/// <summary>
/// The durable part of a symbol grain's quote log: enough to number and deduplicate the next quote after a restart
/// and to roll back to a flush checkpoint. Kept apart from <see cref="SymbolIntegrityState"/> (its own grain state and
/// checkpoints), because the quote partition's offsets say nothing about the trade partition's and a replay of one must
/// not roll back the other. Bounded: the message-id ring is <see cref="IntegrityOptions.MessageIdWindow"/> long.
/// </summary>
[GenerateSerializer]
public sealed class QuoteLogState : ILogState<QuoteLogState>, IMessageIdRing
{
    // A field, not an auto-property: Orleans' analyzer wants every auto-property serialized (ORLEANS0004), and the
    // ring travels only as RecentMessageIdBytes.
    [NonSerialized]
    private Guid[] _recentMessageIds = [];

    // Behind properties whose setters store an empty map or list as none: a log that never needs one allocates none.
    [NonSerialized]
    private Dictionary<string, long>? _appliedOffsets;

    [NonSerialized]
    private MessageIdJournal? _recentMessageIdsJournal;

    [NonSerialized]
    private List<StateCheckpoint<QuoteLogState>>? _checkpoints;

    /// <summary>Last platform sequence given to a quote; quotes are numbered from 1 apart from trades.</summary>
    [Id(0)] public long LastPlatformSequence { get; set; }

    /// <summary>Ring buffer of recent quote message ids, oldest overwritten first; stored as <see cref="RecentMessageIdBytes"/>.</summary>
    public Guid[] RecentMessageIds
    {
        get => _recentMessageIds;
        set => _recentMessageIds = value;
    }

    /// <summary>The ring as states stored before its byte form hold it (one field per id): read from them, never written.</summary>
    [Id(1)]
    public Guid[]? StoredRecentMessageIds
    {
        get => null;
        set => RecentMessageIds = value ?? RecentMessageIds;
    }

    [Id(2)] public int RecentMessageIdsNext { get; set; }

    [Id(3)] public long Accepted { get; set; }

    [Id(4)] public long DuplicatesByMessageId { get; set; }

    [Id(5)] public long Rejected { get; set; }

    /// <summary>Latest exchange timestamp of an accepted quote.</summary>
    [Id(6)] public DateTimeOffset? LastQuoteTime { get; set; }

    [Id(7)] public DateTimeOffset? LastIngestAt { get; set; }

    /// <summary>Last Kafka offset applied per quote partition key (see <see cref="AppliedOffsets"/>); null until the first batch read from the log.</summary>
    [Id(8)]
    public Dictionary<string, long>? AppliedOffsets
    {
        get => _appliedOffsets;
        set => _appliedOffsets = value is { Count: 0 } ? null : value;
    }

    /// <summary>Flush checkpoints of the quote log; null when there are none, always inside a checkpoint's own state.</summary>
    [Id(9)]
    public List<StateCheckpoint<QuoteLogState>>? Checkpoints
    {
        get => _checkpoints;
        set => _checkpoints = value is { Count: 0 } ? null : value;
    }

    /// <inheritdoc cref="ILogState{TSelf}.NewestRecordTime"/>
    [Id(10)] public DateTimeOffset? NewestRecordTime { get; set; }

    /// <summary>The stored form of <see cref="RecentMessageIds"/> (see <see cref="MessageIdBytes"/>).</summary>
    [Id(11)]
    public byte[] RecentMessageIdBytes
    {
        get => MessageIdBytes.From(RecentMessageIds);
        set => RecentMessageIds = value is null ? [] : MessageIdBytes.ToIds(value);
    }

    [Id(12)] public MessageIdRingDelta? RecentMessageIdsDelta { get; set; }

    /// <inheritdoc/>
    [Id(13)] public long RecentMessageIdsAdded { get; set; }

    /// <inheritdoc/>
    [Id(14)] public MessageIdRingBaseRef? RecentMessageIdsBase { get; set; }

    /// <inheritdoc/>
    public MessageIdJournal? RecentMessageIdsJournal
    {
        get => _recentMessageIdsJournal;
        set => _recentMessageIdsJournal = value;
    }

    public QuoteLogState MemberwiseCopy() => (QuoteLogState)MemberwiseClone();
}

namespace K2.Silo.Integrity;

/// <summary>
/// The durable state of one log a symbol grain is fed from (its trades, its quotes): what <see cref="Grains.LogStream{TState, TRecord, TSlot}"/>
/// needs to recognise redeliveries, keep flush checkpoints and roll back to them. Each log has its own state, so a
/// replay of one partition never rolls back another's verdicts.
/// </summary>
public interface ILogState<TSelf> : IMessageIdRing
    where TSelf : class, ILogState<TSelf>
{
    /// <summary>Last Kafka offset applied per partition key (see <see cref="Integrity.AppliedOffsets"/>); null before the first.</summary>
    Dictionary<string, long>? AppliedOffsets { get; set; }

    /// <summary>Last platform sequence given to a record of this log: what a flushed watermark is measured in.</summary>
    long LastPlatformSequence { get; }

    DateTimeOffset? LastIngestAt { get; set; }

    /// <summary>
    /// Newest exchange time of any record this log ever accepted (every session); null when it is not known: a state
    /// persisted before K2 kept it, with records already accepted. Maintained by <see cref="NewestRecordTimes"/>.
    /// </summary>
    DateTimeOffset? NewestRecordTime { get; set; }

    /// <summary>
    /// Flush checkpoints: per partition at most the one the table records and the one a flush is committing. Null when
    /// there are none (an empty list is stored as null).
    /// </summary>
    List<StateCheckpoint<TSelf>>? Checkpoints { get; set; }

    /// <summary>A copy sharing every member: what a checkpoint is stored as, with its ring replaced by a delta.</summary>
    TSelf MemberwiseCopy();
}

/// <summary>The ring of recent message ids a <see cref="MessageIdWindow"/> works over.</summary>
public interface IMessageIdRing
{
    Guid[] RecentMessageIds { get; set; }

    int RecentMessageIdsNext { get; set; }

    /// <summary>
    /// Ids ever added to the ring (stored, and rolled back with a checkpoint's state): how far a ring has moved since
    /// its base row was written (see <see cref="MessageIdRingBaseRef"/>).
    /// </summary>
    long RecentMessageIdsAdded { get; set; }

    /// <summary>
    /// Set only in stored states (<see cref="RecentMessageIds"/> is then empty): a flush checkpoint's ring as its
    /// difference from the live state's ring stored beside it, or the stored state's ring as its difference from its
    /// base row (<see cref="RecentMessageIdsBase"/>). Null everywhere in memory.
    /// </summary>
    MessageIdRingDelta? RecentMessageIdsDelta { get; set; }

    /// <summary>
    /// Set in a stored state whose ring is stored against a base row; in memory only from the read until the log takes
    /// it over (see <see cref="Grains.MessageIdRingBases"/>).
    /// </summary>
    MessageIdRingBaseRef? RecentMessageIdsBase { get; set; }

    /// <summary>
    /// In memory only, on the live state while flush checkpoints refer to its ring (see <see cref="MessageIdJournal"/>):
    /// what each id added to the ring overwrote. Null otherwise; never stored or copied.
    /// </summary>
    MessageIdJournal? RecentMessageIdsJournal { get; set; }
}

namespace K2.Silo.Integrity;

/// <summary>
/// The durable state of one log a symbol grain is fed from (its trades, its quotes): what <see cref="Grains.LogStream{TState, TRecord}"/>
/// needs to recognise redeliveries, keep flush checkpoints and roll back to them. Each log has its own state, so a
/// replay of one partition never rolls back another's verdicts.
/// </summary>
public interface ILogState<TSelf>
    where TSelf : class, ILogState<TSelf>
{
    /// <summary>Last Kafka offset applied per partition key (see <see cref="Integrity.AppliedOffsets"/>).</summary>
    Dictionary<string, long> AppliedOffsets { get; }

    /// <summary>Last platform sequence given to a record of this log: what a flushed watermark is measured in.</summary>
    long LastPlatformSequence { get; }

    DateTimeOffset? LastIngestAt { get; set; }

    /// <summary>
    /// Newest exchange time of any record this log ever accepted (every session); null when it is not known: a state
    /// persisted before K2 kept it, with records already accepted. Maintained by <see cref="NewestRecordTimes"/>.
    /// </summary>
    DateTimeOffset? NewestRecordTime { get; set; }

    /// <summary>Flush checkpoints: per partition at most the one the table records and the one a flush is committing.</summary>
    List<StateCheckpoint<TSelf>> Checkpoints { get; set; }
}

/// <summary>The ring of recent message ids a <see cref="MessageIdWindow"/> works over.</summary>
public interface IMessageIdRing
{
    Guid[] RecentMessageIds { get; set; }

    int RecentMessageIdsNext { get; set; }
}

namespace K2.Silo.Integrity;

/// <summary>
/// A grain log's state as of a partition offset: every message of the partition below <see cref="Through"/> applied,
/// none at or above it. A replay from <see cref="Through"/> restores this state and classifies the replayed records
/// exactly as the first time.
/// </summary>
[GenerateSerializer]
public sealed class StateCheckpoint<TState>
    where TState : class
{
    [Id(0)] public string PartitionKey { get; set; } = string.Empty;

    [Id(1)] public long Through { get; set; }

    /// <summary>The state; null in storage when it is the persisted state itself (saves writing it twice).</summary>
    [Id(2)] public TState? State { get; set; }

    // In memory only (see Grains.CheckpointLog): -1 when State holds its own message-id ring; otherwise State's ring is
    // empty and is the live ring rewound to RingMark adds (MessageIdJournal), RingLength slots long.
    [NonSerialized]
    internal int RingLength = -1;

    [NonSerialized]
    internal long RingMark;

    // In memory only: the CheckpointLog lineage the checkpoint was cut in (its ring's history).
    [NonSerialized]
    internal int Lineage;
}

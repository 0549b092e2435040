using K2.Silo.Integrity;
using Orleans.Serialization;

namespace K2.Silo.Grains;

/// <summary>
/// One grain log's flush checkpoints in memory: copies of its state at partition offsets, so a consumer that replays
/// from the offset the lakehouse table records meets the verdicts that table holds, no more and no fewer. Per partition
/// it keeps the checkpoint the table records (the base) and the one a flush is committing.
/// </summary>
/// <remarks>
/// A checkpoint cut from the live state copies everything but the message-id ring, the bulk of a busy log's state: it
/// keeps a mark in the live ring's <see cref="MessageIdJournal"/> instead and gets its ring back by rewinding the live
/// ring to that mark (<see cref="RingOf"/>). Checkpoints loaded from storage, and any whose mark a rollback left behind,
/// hold a ring of their own. Invariant: every marked checkpoint's mark is in the live state's journal.
/// </remarks>
internal sealed class CheckpointLog<TState>(DeepCopier<TState> copier)
    where TState : class, ILogState<TState>
{
    private readonly List<StateCheckpoint<TState>> _entries = [];

    /// <summary>
    /// Which history the live ring is on: raised by every rollback, so a state cut before one is never stored against
    /// a ring base written after it (see <see cref="MessageIdRingBases"/>). Checkpoints loaded from storage are of
    /// <see cref="StoredLineage"/>, which no live state is.
    /// </summary>
    public int Lineage { get; private set; }

    public const int StoredLineage = -1;

    /// <summary>
    /// Rebuilds the log from persisted state; an entry without state is the persisted state itself, and an entry whose
    /// ring is stored as a delta gets its ring back from the persisted state's (see <see cref="ToPersisted"/>).
    /// </summary>
    public void Load(TState persisted)
    {
        _entries.Clear();
        foreach (var entry in persisted.Checkpoints ?? [])
        {
            if (entry.State is { RecentMessageIdsDelta: { } delta } stored)
            {
                stored.RecentMessageIds = delta.ApplyTo(persisted.RecentMessageIds);
                stored.RecentMessageIdsDelta = null;
            }

            // Own rings: the live ring may still be compacted when the log's tracker attaches, which no journal records.
            _entries.Add(new StateCheckpoint<TState>
            {
                PartitionKey = entry.PartitionKey,
                Through = entry.Through,
                State = entry.State ?? Copy(persisted, withRing: true),
                Lineage = StoredLineage,
            });
        }
    }

    /// <summary>Records <paramref name="live"/> as the state at <paramref name="offset"/> unless one is recorded there.</summary>
    public void EnsureAt(string partitionKey, long offset, TState live)
    {
        if (!_entries.Any(entry => entry.PartitionKey == partitionKey && entry.Through == offset))
        {
            _entries.Add(Cut(partitionKey, offset, live));
        }
    }

    /// <summary>The newest checkpoint at or below <paramref name="offset"/>: the state a replay from there must start from.</summary>
    public StateCheckpoint<TState>? LatestAtOrBelow(string partitionKey, long offset) =>
        _entries.Where(entry => entry.PartitionKey == partitionKey && entry.Through <= offset).MaxBy(entry => entry.Through);

    public StateCheckpoint<TState>? At(string partitionKey, long offset) =>
        _entries.Find(entry => entry.PartitionKey == partitionKey && entry.Through == offset);

    /// <summary>
    /// A fresh copy of a checkpoint's state, ring included, to become the live state in place of <paramref name="live"/>
    /// (the checkpoint stays reusable). The journal moves to the restored state, cut back to the checkpoint's mark.
    /// </summary>
    public TState Restore(StateCheckpoint<TState> checkpoint, TState live)
    {
        _entries.RemoveAll(entry => entry.PartitionKey == checkpoint.PartitionKey && entry.Through > checkpoint.Through);
        Lineage++;
        var restored = Copy(checkpoint.State!, withRing: true);
        var journal = live.RecentMessageIdsJournal;
        if (checkpoint.RingLength >= 0)
        {
            restored.RecentMessageIds = RingOf(checkpoint, live);
        }

        // Checkpoints cut later than the restored one (other partitions') are off the history the restored ring goes on
        // from: they keep rings of their own. The earlier ones rewind from the restored ring over the same journal.
        foreach (var entry in _entries)
        {
            if (entry.RingLength >= 0 && (checkpoint.RingLength < 0 || entry.RingMark > checkpoint.RingMark))
            {
                OwnRing(entry, live);
            }
        }

        live.RecentMessageIdsJournal = null;
        if (checkpoint.RingLength >= 0)
        {
            journal!.ForgetFrom(checkpoint.RingMark);
            restored.RecentMessageIdsJournal = journal;
        }

        Trim(restored);
        return restored;
    }

    /// <summary>
    /// Keeps, for the partition, only the checkpoint the table records (newest at or below <paramref name="baseOffset"/>)
    /// and records <paramref name="live"/> at <paramref name="throughOffset"/>: whichever of the two the commit leaves
    /// in the table, a replay finds its state.
    /// </summary>
    public StateCheckpoint<TState> Prepare(string partitionKey, long baseOffset, long throughOffset, TState live)
    {
        var committed = LatestAtOrBelow(partitionKey, baseOffset);
        _entries.RemoveAll(entry => entry.PartitionKey == partitionKey && !ReferenceEquals(entry, committed));
        var prepared = Cut(partitionKey, throughOffset, live);
        _entries.Add(prepared);
        Trim(live);
        return prepared;
    }

    /// <summary>
    /// The checkpoint's message-id ring: its own, or the live ring rewound to its mark (a new array). Not to be changed.
    /// </summary>
    public static Guid[] RingOf(StateCheckpoint<TState> checkpoint, TState live) =>
        checkpoint.RingLength < 0
            ? checkpoint.State!.RecentMessageIds
            : live.RecentMessageIdsJournal!.Rewind(live.RecentMessageIds, checkpoint.RingMark, checkpoint.RingLength);

    /// <summary>
    /// Gives every checkpoint its own ring and drops the journal once the journal is longer than the ring: a log fed
    /// for long without a flush (direct batches after a run from the log) should not remember more than a copy holds.
    /// </summary>
    public void Bound(TState live)
    {
        if (live.RecentMessageIdsJournal is { } journal && journal.Count > live.RecentMessageIds.Length)
        {
            foreach (var entry in _entries)
            {
                OwnRing(entry, live);
            }

            live.RecentMessageIdsJournal = null;
        }
    }

    /// <summary>
    /// What to persist beside a state whose ring is <paramref name="storedRing"/>: every checkpoint,
    /// <paramref name="sameAsStored"/> as a reference to that state and the others with their message-id ring as its
    /// difference from that ring (the rest of a state is small; the ring is most of it and mostly the same).
    /// </summary>
    public List<StateCheckpoint<TState>> ToPersisted(StateCheckpoint<TState>? sameAsStored, Guid[] storedRing, TState live) =>
        [.. _entries.Select(entry => new StateCheckpoint<TState>
        {
            PartitionKey = entry.PartitionKey,
            Through = entry.Through,
            State = ReferenceEquals(entry, sameAsStored) || entry.State is null ? null : AsDelta(entry.State, RingOf(entry, live), storedRing),
        })];

    private static TState AsDelta(TState checkpoint, Guid[] checkpointRing, Guid[] storedRing)
    {
        // A copy, so the checkpoint in memory keeps what it holds.
        var stored = checkpoint.MemberwiseCopy();
        stored.RecentMessageIdsDelta = MessageIdRingDelta.Between(storedRing, checkpointRing);
        stored.RecentMessageIds = [];
        return stored;
    }

    /// <summary>A checkpoint of <paramref name="live"/> now: a copy without the ring, and the ring's mark.</summary>
    private StateCheckpoint<TState> Cut(string partitionKey, long through, TState live)
    {
        var journal = live.RecentMessageIdsJournal ??= new MessageIdJournal();
        return new StateCheckpoint<TState>
        {
            PartitionKey = partitionKey,
            Through = through,
            State = Copy(live, withRing: false),
            RingMark = journal.Added,
            RingLength = live.RecentMessageIds.Length,
            Lineage = Lineage,
        };
    }

    private static void OwnRing(StateCheckpoint<TState> entry, TState live)
    {
        if (entry.RingLength >= 0)
        {
            entry.State!.RecentMessageIds = RingOf(entry, live);
            entry.RingLength = -1;
        }
    }

    /// <summary>Forgets what no marked checkpoint rewinds past; drops the journal when none is left.</summary>
    private void Trim(TState live)
    {
        if (live.RecentMessageIdsJournal is not { } journal)
        {
            return;
        }

        var marked = _entries.Where(entry => entry.RingLength >= 0).ToList();
        if (marked.Count == 0)
        {
            live.RecentMessageIdsJournal = null;
        }
        else
        {
            journal.ForgetBefore(marked.Min(entry => entry.RingMark));
        }
    }

    private TState Copy(TState state, bool withRing)
    {
        // Checkpoints never nest: copy the state without its own checkpoint list (and, for a cut, without its ring).
        var checkpoints = state.Checkpoints;
        var ring = state.RecentMessageIds;
        state.Checkpoints = null;
        if (!withRing)
        {
            state.RecentMessageIds = [];
        }

        try
        {
            var copy = copier.Copy(state);
            copy.RecentMessageIdsJournal = null;
            return copy;
        }
        finally
        {
            state.Checkpoints = checkpoints;
            state.RecentMessageIds = ring;
        }
    }
}

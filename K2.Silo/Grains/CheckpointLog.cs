using K2.Silo.Integrity;
using Orleans.Serialization;

namespace K2.Silo.Grains;

/// <summary>
/// One grain log's flush checkpoints in memory: deep copies of its state at partition offsets, so a consumer that
/// replays from the offset the lakehouse table records meets the verdicts that table holds, no more and no fewer. Per
/// partition it keeps the checkpoint the table records (the base) and the one a flush is committing.
/// </summary>
internal sealed class CheckpointLog<TState>(DeepCopier<TState> copier)
    where TState : class, ILogState<TState>
{
    private readonly List<StateCheckpoint<TState>> _entries = [];

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

            _entries.Add(new StateCheckpoint<TState>
            {
                PartitionKey = entry.PartitionKey,
                Through = entry.Through,
                State = entry.State ?? Copy(persisted),
            });
        }
    }

    /// <summary>Records <paramref name="live"/> as the state at <paramref name="offset"/> unless one is recorded there.</summary>
    public void EnsureAt(string partitionKey, long offset, TState live)
    {
        if (!_entries.Any(entry => entry.PartitionKey == partitionKey && entry.Through == offset))
        {
            _entries.Add(new StateCheckpoint<TState> { PartitionKey = partitionKey, Through = offset, State = Copy(live) });
        }
    }

    /// <summary>The newest checkpoint at or below <paramref name="offset"/>: the state a replay from there must start from.</summary>
    public StateCheckpoint<TState>? LatestAtOrBelow(string partitionKey, long offset) =>
        _entries.Where(entry => entry.PartitionKey == partitionKey && entry.Through <= offset).MaxBy(entry => entry.Through);

    public StateCheckpoint<TState>? At(string partitionKey, long offset) =>
        _entries.Find(entry => entry.PartitionKey == partitionKey && entry.Through == offset);

    /// <summary>A fresh copy of a checkpoint's state, to become the live state (the checkpoint stays reusable).</summary>
    public TState Restore(StateCheckpoint<TState> checkpoint)
    {
        _entries.RemoveAll(entry => entry.PartitionKey == checkpoint.PartitionKey && entry.Through > checkpoint.Through);
        var restored = Copy(checkpoint.State!);
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
        var prepared = new StateCheckpoint<TState> { PartitionKey = partitionKey, Through = throughOffset, State = Copy(live) };
        _entries.Add(prepared);
        return prepared;
    }

    /// <summary>
    /// What to persist beside <paramref name="live"/>: every checkpoint, <paramref name="sameAsLive"/> as a reference to
    /// the live state and the others with their message-id ring as its difference from the live ring (the rest of a
    /// state is small; the ring is most of it and mostly the same).
    /// </summary>
    public List<StateCheckpoint<TState>> ToPersisted(StateCheckpoint<TState>? sameAsLive, TState live) =>
        [.. _entries.Select(entry => new StateCheckpoint<TState>
        {
            PartitionKey = entry.PartitionKey,
            Through = entry.Through,
            State = ReferenceEquals(entry, sameAsLive) || entry.State is null ? null : AsDelta(entry.State, live),
        })];

    private static TState AsDelta(TState checkpoint, TState live)
    {
        // A copy, so the checkpoint in memory keeps its ring.
        var stored = checkpoint.MemberwiseCopy();
        stored.RecentMessageIdsDelta = MessageIdRingDelta.Between(live.RecentMessageIds, checkpoint.RecentMessageIds);
        stored.RecentMessageIds = [];
        return stored;
    }

    private TState Copy(TState state)
    {
        // Checkpoints never nest: copy the state without its own checkpoint list.
        var checkpoints = state.Checkpoints;
        state.Checkpoints = null;
        try
        {
            return copier.Copy(state);
        }
        finally
        {
            state.Checkpoints = checkpoints;
        }
    }
}

using K2.Silo.Integrity;
using Orleans.Serialization;

namespace K2.Silo.Grains;

/// <summary>
/// A symbol grain's flush checkpoints in memory: deep copies of its integrity state at partition offsets, so a
/// consumer that replays from the offset the lakehouse table records meets the verdicts that table holds, no more and
/// no fewer. Per partition it keeps the checkpoint the table records (the base) and the one a flush is committing.
/// </summary>
internal sealed class CheckpointLog(DeepCopier<SymbolIntegrityState> copier)
{
    private readonly List<IntegrityCheckpoint> _entries = [];

    /// <summary>Rebuilds the log from persisted state; an entry without state is the persisted state itself.</summary>
    public void Load(SymbolIntegrityState persisted)
    {
        _entries.Clear();
        foreach (var entry in persisted.Checkpoints)
        {
            _entries.Add(new IntegrityCheckpoint
            {
                PartitionKey = entry.PartitionKey,
                Through = entry.Through,
                State = entry.State ?? Copy(persisted),
            });
        }
    }

    /// <summary>Records <paramref name="live"/> as the state at <paramref name="offset"/> unless one is recorded there.</summary>
    public void EnsureAt(string partitionKey, long offset, SymbolIntegrityState live)
    {
        if (!_entries.Any(entry => entry.PartitionKey == partitionKey && entry.Through == offset))
        {
            _entries.Add(new IntegrityCheckpoint { PartitionKey = partitionKey, Through = offset, State = Copy(live) });
        }
    }

    /// <summary>The newest checkpoint at or below <paramref name="offset"/>: the state a replay from there must start from.</summary>
    public IntegrityCheckpoint? LatestAtOrBelow(string partitionKey, long offset) =>
        _entries.Where(entry => entry.PartitionKey == partitionKey && entry.Through <= offset).MaxBy(entry => entry.Through);

    public IntegrityCheckpoint? At(string partitionKey, long offset) =>
        _entries.Find(entry => entry.PartitionKey == partitionKey && entry.Through == offset);

    /// <summary>A fresh copy of a checkpoint's state, to become the live state (the checkpoint stays reusable).</summary>
    public SymbolIntegrityState Restore(IntegrityCheckpoint checkpoint)
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
    public IntegrityCheckpoint Prepare(string partitionKey, long baseOffset, long throughOffset, SymbolIntegrityState live)
    {
        var committed = LatestAtOrBelow(partitionKey, baseOffset);
        _entries.RemoveAll(entry => entry.PartitionKey == partitionKey && !ReferenceEquals(entry, committed));
        var prepared = new IntegrityCheckpoint { PartitionKey = partitionKey, Through = throughOffset, State = Copy(live) };
        _entries.Add(prepared);
        return prepared;
    }

    /// <summary>What to persist: every checkpoint, with <paramref name="sameAsLive"/> written as a reference to the live state.</summary>
    public List<IntegrityCheckpoint> ToPersisted(IntegrityCheckpoint? sameAsLive) =>
        [.. _entries.Select(entry => new IntegrityCheckpoint
        {
            PartitionKey = entry.PartitionKey,
            Through = entry.Through,
            State = ReferenceEquals(entry, sameAsLive) ? null : entry.State,
        })];

    private SymbolIntegrityState Copy(SymbolIntegrityState state)
    {
        // Checkpoints never nest: copy the state without its own checkpoint list.
        var checkpoints = state.Checkpoints;
        state.Checkpoints = [];
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

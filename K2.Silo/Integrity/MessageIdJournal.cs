namespace K2.Silo.Integrity;

/// <summary>
/// What a live message-id ring overwrote since the oldest in-memory flush checkpoint that refers to it: per id added, its
/// slot and the id that slot held before. A checkpoint then keeps only how many ids had been added when it was cut and
/// how long the ring was, and gets its ring back by undoing the adds since (<see cref="Rewind"/>), instead of holding a
/// copy of the ring: up to 64 KB per checkpoint and two checkpoints per busy log, where a flush adds a few dozen ids
/// (see docs/benchmarks.md, "Session 9").
/// </summary>
public sealed class MessageIdJournal
{
    private readonly List<(int Slot, Guid Previous)> _undo = [];

    // The number of the add _undo[0] undoes: adds before it are forgotten (no checkpoint rewinds past them).
    private long _first;

    /// <summary>Ids added since the journal began: the mark of a checkpoint cut now.</summary>
    public long Added => _first + _undo.Count;

    /// <summary>Adds remembered (what a rewind to the oldest mark undoes).</summary>
    public int Count => _undo.Count;

    /// <summary>Called for every id written into the ring, before it overwrites <paramref name="previous"/>.</summary>
    public void Record(int slot, Guid previous) => _undo.Add((slot, previous));

    /// <summary>
    /// A new array holding the ring as it was when <see cref="Added"/> was <paramref name="mark"/> and the ring was
    /// <paramref name="length"/> slots long, rebuilt from <paramref name="live"/> by undoing every add since, newest first.
    /// </summary>
    public Guid[] Rewind(Guid[] live, long mark, int length)
    {
        ArgumentNullException.ThrowIfNull(live);
        if (mark < _first || mark > Added)
        {
            throw new InvalidOperationException($"A message-id ring cannot be rewound to add {mark}: the journal holds adds {_first} to {Added}.");
        }

        // The live ring only grows while a journal runs, so every slot an add wrote is inside it.
        var ring = new Guid[Math.Max(length, live.Length)];
        live.CopyTo(ring, 0);
        for (var i = _undo.Count - 1; i >= mark - _first; i--)
        {
            var (slot, previous) = _undo[i];
            ring[slot] = previous;
        }

        if (ring.Length != length)
        {
            Array.Resize(ref ring, length);
        }

        return ring;
    }

    /// <summary>Forgets the adds before <paramref name="mark"/>: no checkpoint rewinds past it any more.</summary>
    public void ForgetBefore(long mark)
    {
        var count = (int)Math.Clamp(mark - _first, 0, _undo.Count);
        _undo.RemoveRange(0, count);
        _first += count;
    }

    /// <summary>Forgets the adds from <paramref name="mark"/> on: the ring was rolled back to that point.</summary>
    public void ForgetFrom(long mark)
    {
        var keep = (int)Math.Clamp(mark - _first, 0, _undo.Count);
        _undo.RemoveRange(keep, _undo.Count - keep);
    }
}

using System.Numerics;

namespace K2.Silo.Integrity;

/// <summary>
/// Finds a message id in its ring without a copy of the ids: an open-addressing table (linear probing) whose entries
/// are ring slot numbers, compared against the ring itself. A <see cref="HashSet{T}"/> of the ring's ids held a second
/// copy of every id plus its hash and chain: 202 KB of entries (and its buckets) for a full 4,096-id ring that had
/// turned over, three times the ring (docs/benchmarks.md, "Session 12"); this table holds 4 bytes per entry at most
/// three quarters full (32 KB for a full default ring).
/// </summary>
/// <remarks>
/// An entry is its slot plus one (0 is an empty entry). Removal shifts the entries behind it back (Knuth's algorithm
/// R) instead of leaving tombstones, so a ring that turns over forever never needs a rebuild.
/// </remarks>
internal sealed class MessageIdSlotIndex
{
    private const int MinimumSize = 32;
    private const int MaxLoadNumerator = 3;
    private const int MaxLoadDenominator = 4;

    private int[] _entries;
    private int _shift;
    private int _count;

    /// <summary>An index of <paramref name="held"/>, the filled slots of <paramref name="ring"/> starting at slot 0.</summary>
    public MessageIdSlotIndex(Guid[] ring, int held)
    {
        _entries = new int[SizeFor(held)];
        _shift = ShiftFor(_entries.Length);
        for (var slot = 0; slot < held; slot++)
        {
            Insert(ring, slot);
        }
    }

    public int Count => _count;

    public bool Contains(Guid[] ring, Guid id)
    {
        var mask = _entries.Length - 1;
        for (var at = Home(id); ; at = (at + 1) & mask)
        {
            var entry = _entries[at];
            if (entry == 0)
            {
                return false;
            }

            if (ring[entry - 1] == id)
            {
                return true;
            }
        }
    }

    /// <summary>Indexes the id now in <paramref name="slot"/> of <paramref name="ring"/>.</summary>
    public void Add(Guid[] ring, int slot)
    {
        if ((_count + 1) * MaxLoadDenominator > _entries.Length * MaxLoadNumerator)
        {
            Grow(ring);
        }

        Insert(ring, slot);
    }

    /// <summary>
    /// Forgets <paramref name="slot"/>, which held <paramref name="id"/> (the ring may already hold its successor there,
    /// so the entry is found by the id's home and the slot number, not by the ring's content).
    /// </summary>
    public void Remove(Guid[] ring, Guid id, int slot)
    {
        var mask = _entries.Length - 1;
        var at = Home(id);
        while (_entries[at] != slot + 1)
        {
            if (_entries[at] == 0)
            {
                return; // not indexed
            }

            at = (at + 1) & mask;
        }

        // Backward shift: an entry further along the run moves into the hole unless its home lies cyclically in
        // (hole, entry], where a lookup would never pass the hole to reach it.
        var hole = at;
        for (var next = (hole + 1) & mask; _entries[next] != 0; next = (next + 1) & mask)
        {
            var home = Home(ring[_entries[next] - 1]);
            var staysPut = hole <= next ? hole < home && home <= next : hole < home || home <= next;
            if (!staysPut)
            {
                _entries[hole] = _entries[next];
                hole = next;
            }
        }

        _entries[hole] = 0;
        _count--;
    }

    private void Insert(Guid[] ring, int slot)
    {
        var mask = _entries.Length - 1;
        var at = Home(ring[slot]);
        while (_entries[at] != 0)
        {
            at = (at + 1) & mask;
        }

        _entries[at] = slot + 1;
        _count++;
    }

    private void Grow(Guid[] ring)
    {
        var old = _entries;
        _entries = new int[old.Length * 2];
        _shift = ShiftFor(_entries.Length);
        _count = 0;
        foreach (var entry in old)
        {
            if (entry != 0)
            {
                Insert(ring, entry - 1);
            }
        }
    }

    // Fibonacci hashing of the id's own hash code: the table's size is a power of two, so the high bits are taken.
    private int Home(Guid id) => (int)(((uint)id.GetHashCode() * 0x9E3779B9u) >> _shift);

    private static int ShiftFor(int size) => 32 - BitOperations.Log2((uint)size);

    private static int SizeFor(int count)
    {
        var needed = Math.Max(MinimumSize, (count * MaxLoadDenominator / MaxLoadNumerator) + 1);
        return (int)BitOperations.RoundUpToPowerOf2((uint)needed);
    }
}

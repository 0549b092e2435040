namespace K2.Silo.Integrity;

/// <summary>
/// A bounded set of the most recent message ids over the ring a log's state stores (<see cref="IMessageIdRing"/>).
/// The ring is what persists; its lookup table (<see cref="MessageIdSlotIndex"/>, slot numbers into the ring) is rebuilt
/// from it on activation.
/// </summary>
/// <remarks>
/// <para>
/// The ring grows with the ids it holds (by half: 2, 3, 4, 6, 9, ..., up to the capacity) instead of being allocated at
/// full size: at the default 4,096 ids a full ring is 64 KB (and its lookup table 32 KB), per log, so a
/// preallocated ring made every symbol grain that ever saw a record (and its empty quote log) cost a few hundred KB.
/// While growing, the ids fill <c>[0, RecentMessageIdsNext)</c>; once the ring has the full capacity it wraps, and
/// <c>RecentMessageIdsNext</c> is the oldest slot. A window of a few ids has no lookup table at all (the smallest is
/// 32 entries, more than the ring it indexes): lookups scan the ring until it holds more than <see cref="ScanLimit"/>
/// ids, and the table is built then.
/// </para>
/// <para>
/// Growing by half rather than doubling (from 8, before) leaves at most a third of the ring empty instead of half: an
/// idle symbol's handful of ids (16 B each) no longer sits in an 8-slot ring (docs/benchmarks.md, "Session 10").
/// A struct held in a (non-readonly) field of its tracker: one object fewer per log (40 B). Copies share the ring but
/// not a table built later, so a copy must not be kept.
/// </para>
/// </remarks>
internal struct MessageIdWindow
{
    private const int FirstGrowth = 2;

    // Up to this many ids a lookup compares them all (256 bytes, a few vector compares): cheaper than hashing for an
    // idle symbol's handful, and no table to allocate.
    private const int ScanLimit = 16;
    private readonly IMessageIdRing _state;
    private readonly int _capacity;
    private MessageIdSlotIndex? _index;

    public MessageIdWindow(IMessageIdRing state, int capacity)
    {
        _state = state;
        _capacity = capacity;
        if (!IsCanonical(state, capacity))
        {
            Compact(state, capacity);
        }

        if (Held().Length > ScanLimit)
        {
            _index = new MessageIdSlotIndex(state.RecentMessageIds, Held().Length);
        }
    }

    public readonly bool Contains(Guid messageId) =>
        _index?.Contains(_state.RecentMessageIds, messageId) ?? Held().Contains(messageId);

    public void Add(Guid messageId)
    {
        var ring = _state.RecentMessageIds;
        var slot = _state.RecentMessageIdsNext;
        if (slot == ring.Length)
        {
            // Only a ring below capacity is ever full at the next slot; a full-capacity ring wraps to 0 instead.
            ring = new Guid[Math.Min(_capacity, Math.Max(FirstGrowth, ring.Length + (ring.Length / 2)))];
            _state.RecentMessageIds.CopyTo(ring, 0);
            _state.RecentMessageIds = ring;
        }

        var evicted = ring[slot];
        _state.RecentMessageIdsJournal?.Record(slot, evicted);
        if (evicted != Guid.Empty)
        {
            _index?.Remove(ring, evicted, slot);
        }

        ring[slot] = messageId;
        _state.RecentMessageIdsAdded++;
        _state.RecentMessageIdsNext = slot + 1 == _capacity ? 0 : slot + 1;
        if (_index is not null)
        {
            _index.Add(ring, slot);
        }
        else if (Held().Length > ScanLimit)
        {
            _index = new MessageIdSlotIndex(ring, Held().Length);
        }
    }

    /// <summary>
    /// The slots holding ids: <c>[0, RecentMessageIdsNext)</c> while the ring grows, all of it once it is full (a
    /// canonical ring, see <see cref="IsCanonical"/>).
    /// </summary>
    private readonly ReadOnlySpan<Guid> Held()
    {
        var ring = _state.RecentMessageIds;
        var next = _state.RecentMessageIdsNext;
        return ring.Length == _capacity && ring.Length > 0 && ring[^1] != Guid.Empty ? ring : ring.AsSpan(0, next);
    }

    /// <summary>
    /// A growing ring holds ids in exactly <c>[0, next)</c> of an array at most twice that (and no larger than the
    /// capacity); a full one is the capacity long with no empty slot. Anything else (an older fixed-size ring, a changed capacity) is compacted.
    /// </summary>
    private static bool IsCanonical(IMessageIdRing state, int capacity)
    {
        var ring = state.RecentMessageIds;
        var next = state.RecentMessageIdsNext;
        if (ring.Length > capacity || next < 0 || next >= capacity || next > ring.Length)
        {
            return false;
        }

        var filled = ring.Length == capacity && next < ring.Length && ring[^1] != Guid.Empty ? ring.Length : next;
        if (filled < ring.Length && ring.Length > Math.Max(FirstGrowth, 2 * filled))
        {
            return false; // mostly empty: an older fixed-size ring
        }

        for (var i = 0; i < ring.Length; i++)
        {
            if ((ring[i] != Guid.Empty) != (i < filled))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Keeps the newest ids (at most the capacity), oldest first, in an array just big enough for them.</summary>
    private static void Compact(IMessageIdRing state, int capacity)
    {
        var old = state.RecentMessageIds;
        var newestFirst = new List<Guid>(Math.Min(old.Length, capacity));
        var next = old.Length == 0 ? 0 : Math.Clamp(state.RecentMessageIdsNext, 0, old.Length);
        for (var i = 1; i <= old.Length && newestFirst.Count < capacity; i++)
        {
            var id = old[((next - i) % old.Length + old.Length) % old.Length];
            if (id != Guid.Empty)
            {
                newestFirst.Add(id);
            }
        }

        newestFirst.Reverse();
        state.RecentMessageIds = [.. newestFirst];
        state.RecentMessageIdsNext = newestFirst.Count == capacity ? 0 : newestFirst.Count;
    }
}

namespace K2.Silo.Integrity;

/// <summary>
/// A bounded set of the most recent message ids over the ring a log's state stores (<see cref="IMessageIdRing"/>).
/// The ring is what persists; the hash set is rebuilt from it on activation.
/// </summary>
internal sealed class MessageIdWindow
{
    private readonly IMessageIdRing _state;
    private readonly HashSet<Guid> _members;

    public MessageIdWindow(IMessageIdRing state, int capacity)
    {
        _state = state;
        if (state.RecentMessageIds.Length != capacity)
        {
            Resize(state, capacity);
        }

        _members = new HashSet<Guid>(capacity);
        foreach (var id in state.RecentMessageIds)
        {
            if (id != Guid.Empty)
            {
                _members.Add(id);
            }
        }
    }

    public bool Contains(Guid messageId) => _members.Contains(messageId);

    public void Add(Guid messageId)
    {
        var ring = _state.RecentMessageIds;
        var slot = _state.RecentMessageIdsNext;
        var evicted = ring[slot];
        if (evicted != Guid.Empty)
        {
            _members.Remove(evicted);
        }

        ring[slot] = messageId;
        _members.Add(messageId);
        _state.RecentMessageIdsNext = (slot + 1) % ring.Length;
    }

    /// <summary>Keeps the newest ids when the configured capacity changes between deployments.</summary>
    private static void Resize(IMessageIdRing state, int capacity)
    {
        var old = state.RecentMessageIds;
        var newestFirst = new List<Guid>(Math.Min(old.Length, capacity));
        for (var i = 1; i <= old.Length && newestFirst.Count < capacity; i++)
        {
            var id = old[((state.RecentMessageIdsNext - i) % old.Length + old.Length) % old.Length];
            if (id != Guid.Empty)
            {
                newestFirst.Add(id);
            }
        }

        var ring = new Guid[capacity];
        newestFirst.Reverse();
        newestFirst.CopyTo(ring);
        state.RecentMessageIds = ring;
        state.RecentMessageIdsNext = newestFirst.Count % capacity;
    }
}

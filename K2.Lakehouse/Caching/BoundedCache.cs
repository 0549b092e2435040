namespace K2.Lakehouse.Caching;

/// <summary>
/// A least-recently-used cache whose entries carry a weight (rows, files, ...) and whose total weight never exceeds
/// <see cref="Capacity"/>: adding an entry first evicts the least recently used ones until it fits, and an entry
/// heavier than the whole capacity is not kept at all. A capacity of 0 keeps nothing. Thread-safe; meant for values
/// that never change for their key (immutable files under unique paths), so there is no expiry.
/// </summary>
public sealed class BoundedCache<TKey, TValue>
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _byRecency = new();
    private long _weight;
    private long _hits;
    private long _misses;
    private long _evictions;

    public BoundedCache(long capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        Capacity = capacity;
    }

    public long Capacity { get; }

    /// <summary>The total weight of the entries held now; at most <see cref="Capacity"/>.</summary>
    public long Weight
    {
        get
        {
            lock (_gate)
            {
                return _weight;
            }
        }
    }

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Lookups, evictions and what is held now, read at once under the cache's lock.</summary>
    public CacheStatistics Statistics
    {
        get
        {
            lock (_gate)
            {
                return new CacheStatistics(_hits, _misses, _evictions, _entries.Count, _weight, Capacity);
            }
        }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var node))
            {
                _byRecency.Remove(node);
                _byRecency.AddFirst(node);
                value = node.Value.Value;
                _hits++;
                return true;
            }

            _misses++;
        }

        value = default!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> (replacing an entry of the same key) if its weight fits the capacity.</summary>
    public void Set(TKey key, TValue value, long weight)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(weight);
        lock (_gate)
        {
            if (_entries.Remove(key, out var existing))
            {
                _byRecency.Remove(existing);
                _weight -= existing.Value.Weight;
            }

            if (weight > Capacity)
            {
                return;
            }

            while (_weight + weight > Capacity && _byRecency.Last is { } oldest)
            {
                _byRecency.RemoveLast();
                _entries.Remove(oldest.Value.Key);
                _weight -= oldest.Value.Weight;
                _evictions++;
            }

            _entries[key] = _byRecency.AddFirst(new Entry(key, value, weight));
            _weight += weight;
        }
    }

    /// <summary>The cached value, or the one <paramref name="load"/> produces (kept if it fits). Concurrent misses may both load.</summary>
    public async Task<TValue> GetOrLoadAsync(TKey key, Func<Task<TValue>> load, Func<TValue, long> weigh)
    {
        ArgumentNullException.ThrowIfNull(load);
        ArgumentNullException.ThrowIfNull(weigh);
        if (TryGet(key, out var cached))
        {
            return cached;
        }

        var loaded = await load();
        Set(key, loaded, weigh(loaded));
        return loaded;
    }

    private sealed record Entry(TKey Key, TValue Value, long Weight);
}

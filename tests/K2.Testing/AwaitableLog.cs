namespace K2.Testing;

/// <summary>
/// A thread-safe append-only list that tests can wait on: <see cref="WaitAsync"/> completes as soon as a condition
/// over the items holds, so tests react to what happened rather than sleeping for a while.
/// </summary>
public sealed class AwaitableLog<T> : IReadOnlyList<T>
{
    private readonly Lock _gate = new();
    private readonly List<T> _items = [];
    private readonly List<(Func<IReadOnlyList<T>, bool> Condition, TaskCompletionSource<IReadOnlyList<T>> Done)> _waiters = [];

    /// <summary>Raised after each item is added, on the adding thread, outside the log's lock.</summary>
    public event Action<T>? ItemAdded;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public T this[int index]
    {
        get
        {
            lock (_gate)
            {
                return _items[index];
            }
        }
    }

    /// <summary>Enumerates a snapshot, so items added meanwhile never break the enumeration.</summary>
    public IEnumerator<T> GetEnumerator() => Snapshot().GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }

    public void Add(T item)
    {
        List<(TaskCompletionSource<IReadOnlyList<T>> Done, IReadOnlyList<T> Items)> satisfied = [];
        lock (_gate)
        {
            _items.Add(item);
            IReadOnlyList<T>? snapshot = null;
            for (var i = _waiters.Count - 1; i >= 0; i--)
            {
                snapshot ??= [.. _items];
                if (_waiters[i].Condition(snapshot))
                {
                    satisfied.Add((_waiters[i].Done, snapshot));
                    _waiters.RemoveAt(i);
                }
            }
        }

        ItemAdded?.Invoke(item);
        foreach (var (done, items) in satisfied)
        {
            done.TrySetResult(items);
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> after the timeout.</summary>
    public async Task<IReadOnlyList<T>> WaitAsync(Func<IReadOnlyList<T>, bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var done = new TaskCompletionSource<IReadOnlyList<T>>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            IReadOnlyList<T> snapshot = [.. _items];
            if (condition(snapshot))
            {
                return snapshot;
            }

            _waiters.Add((condition, done));
        }

        try
        {
            return await done.Task.WaitAsync(timeout ?? TestTimeouts.Generous);
        }
        catch (TimeoutException)
        {
            lock (_gate)
            {
                _waiters.RemoveAll(waiter => waiter.Done == done);
                throw new TimeoutException($"Condition not met within the timeout; {_items.Count} items recorded: {string.Join(" | ", _items.TakeLast(20))}");
            }
        }
    }

    public Task<IReadOnlyList<T>> WaitForCountAsync(int count, TimeSpan? timeout = null) =>
        WaitAsync(items => items.Count >= count, timeout);
}

using System.Collections.ObjectModel;

namespace K2.Testing.Tracing;

/// <summary>
/// The in-memory exporter adds to whatever collection it is given from the thread that ends a span (silo threads
/// included); a plain list read by the test meanwhile could tear, so adds and reads take one lock.
/// </summary>
public sealed class SynchronizedCollection<T> : Collection<T>
{
    private readonly Lock _gate = new();

    public IReadOnlyList<T> Snapshot()
    {
        lock (_gate)
        {
            return [.. Items];
        }
    }

    protected override void InsertItem(int index, T item)
    {
        lock (_gate)
        {
            base.InsertItem(index, item);
        }
    }
}

namespace K2.Silo.Flush;

/// <summary>
/// One call per item with at most a fixed number in flight, the results in the items' order. For the grain calls a flush
/// makes to every grain it fed: issued all at once they queue a whole flush's worth of turns (and their storage
/// continuations) on the thread pool ahead of the consumer's next batch.
/// </summary>
internal static class BoundedFanOut
{
    /// <summary>
    /// Calls <paramref name="call"/> for every item, starting the next as one ends, never more than
    /// <paramref name="maxInFlight"/> at once. A failed call stops its lane, the others go on; the returned task fails
    /// with the first failure once every lane has ended.
    /// </summary>
    public static async Task<TResult[]> RunAsync<TItem, TResult>(IReadOnlyList<TItem> items, int maxInFlight, Func<TItem, ValueTask<TResult>> call)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(call);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        var results = new TResult[items.Count];
        var next = -1;

        async Task DrainAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < items.Count; i = Interlocked.Increment(ref next))
            {
                results[i] = await call(items[i]);
            }
        }

        var lanes = new Task[Math.Min(maxInFlight, items.Count)];
        for (var lane = 0; lane < lanes.Length; lane++)
        {
            lanes[lane] = DrainAsync();
        }

        await Task.WhenAll(lanes);
        return results;
    }

    /// <inheritdoc cref="RunAsync{TItem, TResult}"/>
    public static Task RunAsync<TItem>(IReadOnlyList<TItem> items, int maxInFlight, Func<TItem, ValueTask> call) =>
        RunAsync(items, maxInFlight, async item =>
        {
            await call(item);
            return true;
        });
}

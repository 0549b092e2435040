using K2.Silo.Flush;
using K2.Testing;

namespace K2.Silo.Tests.Flush;

public sealed class BoundedFanOutTests
{
    [Fact]
    public async Task Never_more_than_the_bound_run_at_once_every_item_is_called_once_and_results_keep_the_items_order()
    {
        var items = Enumerable.Range(0, 25).ToList();
        var gates = items.Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var sync = new Lock();
        var running = 0;
        var most = 0;
        var calls = new int[items.Count];

        var fanOut = BoundedFanOut.RunAsync(items, 3, async item =>
        {
            lock (sync)
            {
                calls[item]++;
                most = Math.Max(most, ++running);
            }

            await gates[item].Task;
            lock (sync)
            {
                running--;
            }

            return item * 10;
        });

        // Only the first three are started until one of them ends.
        Assert.Equal(new[] { 1, 1, 1 }, calls[..3]);
        Assert.All(calls[3..], count => Assert.Equal(0, count));

        // The middle one ending first starts exactly the next item.
        gates[1].SetResult();
        await Poll.UntilAsync(() => Volatile.Read(ref calls[3]) == 1, "item 3 is called once item 1 ended");
        Assert.Equal(0, Volatile.Read(ref calls[4]));

        foreach (var gate in gates.AsEnumerable().Reverse())
        {
            gate.TrySetResult();
        }

        var results = await fanOut;
        Assert.Equal(items.Select(item => item * 10), results);
        Assert.All(calls, count => Assert.Equal(1, count));
        Assert.Equal(3, most);
    }

    [Fact]
    public async Task A_failed_call_fails_the_fan_out_after_the_other_items_were_still_called()
    {
        var called = new System.Collections.Concurrent.ConcurrentBag<int>();

        var fanOut = BoundedFanOut.RunAsync(Enumerable.Range(0, 10).ToList(), 2, async item =>
        {
            called.Add(item);
            await Task.Yield();
            return item == 4 ? throw new IOException("write 4 failed") : item;
        });

        var failure = await Assert.ThrowsAsync<IOException>(() => fanOut);
        Assert.Equal("write 4 failed", failure.Message);
        Assert.Equal(Enumerable.Range(0, 10), called.Order());
    }

    [Fact]
    public async Task No_items_make_no_calls_and_a_bound_below_one_is_refused()
    {
        Assert.Empty(await BoundedFanOut.RunAsync(Array.Empty<int>(), 4, item => ValueTask.FromResult(item)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => BoundedFanOut.RunAsync([1], 0, item => ValueTask.FromResult(item)));
    }
}

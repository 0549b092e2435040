using K2.Silo.Threading;
using K2.Testing;

namespace K2.Silo.Tests.Threading;

/// <summary>The consumer loop's own thread: where its continuations run, how it ends, and its one blocking escape.</summary>
public sealed class DedicatedLoopThreadTests
{
    private const string Name = "k2-test-loop";

    [Fact]
    public async Task Every_continuation_of_the_loop_runs_on_its_own_named_thread_off_the_pool()
    {
        var seen = new List<(string? Name, bool Pool, int Id)>();
        void Record() => seen.Add((Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread, Environment.CurrentManagedThreadId));

        await DedicatedLoopThread.Run(Name, async () =>
        {
            Record();
            await Task.Yield();
            Record();
            await Task.Delay(10);
            Record();

            // Completed by a pool thread: the continuation still comes back here.
            await Task.Run(() => Thread.Sleep(10));
            Record();
        }).WaitAsync(TestTimeouts.Generous);

        Assert.Equal(4, seen.Count);
        Assert.All(seen, step => Assert.Equal(Name, step.Name));
        Assert.All(seen, step => Assert.False(step.Pool));
        Assert.Single(seen.Select(step => step.Id).Distinct());
    }

    [Fact]
    public async Task A_failing_loop_fails_its_task_with_the_loops_exception()
    {
        var failure = new InvalidOperationException("the loop broke");

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(() => DedicatedLoopThread.Run(Name, async () =>
        {
            await Task.Yield();
            throw failure;
        }).WaitAsync(TestTimeouts.Generous));

        Assert.Same(failure, thrown);
    }

    [Fact]
    public async Task A_loop_that_throws_before_its_first_await_fails_its_task_too()
    {
        await Assert.ThrowsAsync<ArgumentException>(() =>
            DedicatedLoopThread.Run(Name, () => throw new ArgumentException("synchronous")).WaitAsync(TestTimeouts.Generous));
    }

    [Fact]
    public async Task A_cancelled_loop_ends_cancelled()
    {
        using var stopping = new CancellationTokenSource();
        var loop = DedicatedLoopThread.Run(Name, async () =>
        {
            await Task.Yield();
            stopping.Cancel();
            stopping.Token.ThrowIfCancellationRequested();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => loop.WaitAsync(TestTimeouts.Generous));
        Assert.True(loop.IsCanceled);
    }

    [Fact]
    public async Task Waiting_off_the_loop_for_async_work_that_completes_later_returns_its_result_instead_of_waiting_for_itself()
    {
        var later = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        int? result = null;

        await DedicatedLoopThread.Run(Name, async () =>
        {
            await Task.Yield();
            _ = Task.Run(async () =>
            {
                await Task.Delay(20);
                later.SetResult(21);
            });

            // Had the awaiting continuation been posted to this (blocked) thread, this would never return.
            result = DedicatedLoopThread.WaitOffLoop(async () => await later.Task * 2);
        }).WaitAsync(TestTimeouts.Generous);

        Assert.Equal(42, result);
    }

    [Fact]
    public async Task A_continuation_posted_after_the_loop_ended_runs_on_the_pool()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task<(string? Name, bool Pool)>? late = null;

        await DedicatedLoopThread.Run(Name, async () =>
        {
            await Task.Yield();
            late = ResumeAfter(gate.Task);
        }).WaitAsync(TestTimeouts.Generous);

        gate.SetResult();
        var resumed = await late!.WaitAsync(TestTimeouts.Generous);

        Assert.True(resumed.Pool);
        Assert.NotEqual(Name, resumed.Name);
    }

    [Fact]
    public async Task Work_posted_to_the_loop_before_it_ended_still_runs_on_the_loop_thread()
    {
        string? ranOn = null;

        // The loop posts and returns without awaiting: it has ended before the posted work gets its turn.
        await DedicatedLoopThread.Run(Name, () =>
        {
            SynchronizationContext.Current!.Post(_ => ranOn = Thread.CurrentThread.Name, null);
            return Task.CompletedTask;
        }).WaitAsync(TestTimeouts.Generous);

        Assert.Equal(Name, ranOn);
    }

    private static async Task<(string? Name, bool Pool)> ResumeAfter(Task gate)
    {
        await gate;
        return (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread);
    }
}

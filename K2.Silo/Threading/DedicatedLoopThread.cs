namespace K2.Silo.Threading;

/// <summary>
/// Runs an asynchronous loop on a thread of its own, with every continuation of the loop back on that thread. Used by
/// the consumer loop and by a flush's file writes (see <c>ConsumerFlush</c>), so neither holds the thread-pool workers
/// the grains run on.
/// <para>
/// The consumer loop blocks in librdkafka's poll for most of each batch window. On the thread pool that blocking holds
/// one of its workers, on two cores half of them, and grain turns, the API and the flush's file write queue behind it
/// until the pool's starvation detection injects a thread (Orleans logged a 1.68 s stall in the benchmark). On its own
/// thread the loop blocks nothing the rest of the silo needs; what it awaits (grain calls, table reads) still completes
/// on the pool and posts only its continuation here.
/// </para>
/// <para>
/// Code on this thread must not block on a task whose continuation needs this thread (it would wait for itself):
/// sync-over-async on the loop goes through <see cref="WaitOffLoop{T}"/>, which runs the wait's async work on the pool.
/// </para>
/// </summary>
internal static class DedicatedLoopThread
{
    /// <summary>Starts <paramref name="loop"/> on a new background thread named <paramref name="name"/>; the task ends with the loop.</summary>
    public static Task Run(string name, Func<Task> loop)
    {
        var completion = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() => Pump(loop, completion)) { IsBackground = true, Name = name };
        thread.Start();
        return completion.Task;
    }

    /// <summary>
    /// Blocks until <paramref name="work"/> completes, running it on the pool so its continuations do not queue behind
    /// this blocked thread. For callbacks that must answer synchronously (librdkafka's rebalance handlers).
    /// </summary>
    public static T WaitOffLoop<T>(Func<Task<T>> work) => Task.Run(work).GetAwaiter().GetResult();

    private static void Pump(Func<Task> loop, TaskCompletionSource completion)
    {
        var context = new LoopSynchronizationContext();
        SynchronizationContext.SetSynchronizationContext(context);
        Task task;
        try
        {
            task = loop();
        }
        catch (Exception exception)
        {
            task = Task.FromException(exception);
        }

        task.ContinueWith(_ => context.Complete(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            context.RunUntilComplete();
        }
        catch (Exception exception)
        {
            // Only a raw posted callback can throw here (an async method's continuation keeps its exception in its
            // task); the loop's remaining continuations move to the pool so the loop can still end.
            context.Complete();
            completion.SetException(exception);
            return;
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }

        if (task.IsCanceled)
        {
            completion.SetCanceled();
        }
        else if (task.Exception is { } failure)
        {
            completion.SetException(failure.InnerExceptions);
        }
        else
        {
            completion.SetResult();
        }
    }

    /// <summary>Queues posted continuations for the loop's thread; after the loop ends, late ones run on the pool.</summary>
    private sealed class LoopSynchronizationContext : SynchronizationContext
    {
        // A monitor, not a channel: waking the loop must not need a pool worker, the thing the loop is kept off.
        private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
        private bool _completed;

        public override void Post(SendOrPostCallback d, object? state)
        {
            lock (_queue)
            {
                if (!_completed)
                {
                    _queue.Enqueue((d, state));
                    Monitor.Pulse(_queue);
                    return;
                }
            }

            ThreadPool.UnsafeQueueUserWorkItem(static item => item.Callback(item.State), (Callback: d, State: state), preferLocal: false);
        }

        public override void Send(SendOrPostCallback d, object? state) =>
            throw new NotSupportedException("The loop's thread only takes posted continuations.");

        public override SynchronizationContext CreateCopy() => this;

        public void Complete()
        {
            lock (_queue)
            {
                _completed = true;
                Monitor.Pulse(_queue);
            }
        }

        /// <summary>Runs posted continuations in order until the loop completes and nothing posted before that is left.</summary>
        public void RunUntilComplete()
        {
            while (true)
            {
                (SendOrPostCallback Callback, object? State) item;
                lock (_queue)
                {
                    while (_queue.Count == 0 && !_completed)
                    {
                        Monitor.Wait(_queue);
                    }

                    if (_queue.Count == 0)
                    {
                        return;
                    }

                    item = _queue.Dequeue();
                }

                item.Callback(item.State);
            }
        }
    }
}

namespace K2.Kafka.Producing;

/// <summary>
/// Counts records handed to librdkafka whose delivery report has not arrived, and lets a flush wait for the count to
/// reach zero without blocking a thread. Add/Remove are lock-free; the lock is only taken around a drain.
/// </summary>
internal sealed class InFlightTracker
{
    private readonly Lock _gate = new();
    private long _count;
    private TaskCompletionSource? _drained;

    public long Count => Interlocked.Read(ref _count);

    public void Add() => Interlocked.Increment(ref _count);

    public void Remove()
    {
        if (Interlocked.Decrement(ref _count) == 0)
        {
            SignalIfDrained();
        }
    }

    /// <summary>Completes when nothing is in flight; records added meanwhile are waited for too.</summary>
    public Task WhenDrainedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (Interlocked.Read(ref _count) == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task.WaitAsync(cancellationToken);
        }
    }

    private void SignalIfDrained()
    {
        lock (_gate)
        {
            // Re-checked under the lock: a record added after the decrement keeps the waiters waiting.
            if (_drained is not null && Interlocked.Read(ref _count) == 0)
            {
                _drained.TrySetResult();
                _drained = null;
            }
        }
    }
}

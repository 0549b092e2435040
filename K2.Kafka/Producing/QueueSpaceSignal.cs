namespace K2.Kafka.Producing;

/// <summary>
/// Wakes publishers waiting for room in the producer queue as soon as a delivery report frees some, instead of
/// letting them sleep out a fixed backoff: under sustained back-pressure the feed then runs at the broker's pace.
/// Costs one volatile read per delivery while nobody waits.
/// </summary>
internal sealed class QueueSpaceSignal
{
    private readonly Lock _gate = new();
    private TaskCompletionSource? _next;

    /// <summary>
    /// A task that completes at the next <see cref="Pulse"/>. Take it <em>before</em> retrying the produce, so a
    /// delivery between the failed retry and the wait cannot be missed.
    /// </summary>
    public Task Next()
    {
        lock (_gate)
        {
            _next ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _next.Task;
        }
    }

    public void Pulse()
    {
        if (Volatile.Read(ref _next) is null)
        {
            return;
        }

        lock (_gate)
        {
            _next?.TrySetResult();
            _next = null;
        }
    }
}

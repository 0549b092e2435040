namespace K2.Silo.Ingest;

/// <summary>
/// Completes when the silo is active, so the consumer makes no grain call before the silo can serve it,
/// whatever order the host starts its services in.
/// </summary>
public sealed class SiloStartedSignal : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task WaitAsync(CancellationToken cancellationToken) => _started.Task.WaitAsync(cancellationToken);

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloStartedSignal), ServiceLifecycleStage.Active, _ =>
        {
            _started.TrySetResult();
            return Task.CompletedTask;
        });
}

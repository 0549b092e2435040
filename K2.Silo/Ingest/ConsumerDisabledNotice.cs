namespace K2.Silo.Ingest;

/// <summary>Says at start, where an operator looks, that this silo consumes nothing because Kafka is not configured.</summary>
internal sealed class ConsumerDisabledNotice(ILogger<ConsumerDisabledNotice> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        IngestLog.ConsumerDisabled(logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

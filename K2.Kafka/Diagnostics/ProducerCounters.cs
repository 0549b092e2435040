using System.Diagnostics.Metrics;

namespace K2.Kafka.Diagnostics;

/// <summary>
/// A producer's running totals, readable in-process (<see cref="Snapshot"/>) and, when a meter factory is available,
/// exported as OpenTelemetry counters tagged with the client id.
/// </summary>
internal sealed class ProducerCounters
{
    private readonly Counter<long>? _delivered;
    private readonly Counter<long>? _failed;
    private readonly Counter<long>? _queueFullWaits;
    private readonly KeyValuePair<string, object?> _client;
    private long _producedTotal;
    private long _deliveredTotal;
    private long _failedTotal;
    private long _queueFullWaitsTotal;

    public ProducerCounters(IMeterFactory? meterFactory, string clientId)
    {
        _client = new KeyValuePair<string, object?>(KafkaTelemetry.ClientTag, clientId);
        if (meterFactory is null)
        {
            return;
        }

        var meter = meterFactory.Create(KafkaTelemetry.MeterName);
        _delivered = meter.CreateCounter<long>(KafkaTelemetry.RecordsDelivered, "{record}", "Records acknowledged by the broker.");
        _failed = meter.CreateCounter<long>(KafkaTelemetry.RecordsFailed, "{record}", "Records whose delivery failed.");
        _queueFullWaits = meter.CreateCounter<long>(
            KafkaTelemetry.QueueFullWaits, "{wait}", "Waits of publishers that found the producer queue full.");
    }

    public void Produced() => Interlocked.Increment(ref _producedTotal);

    public void Delivered()
    {
        Interlocked.Increment(ref _deliveredTotal);
        _delivered?.Add(1, _client);
    }

    public void Failed()
    {
        Interlocked.Increment(ref _failedTotal);
        _failed?.Add(1, _client);
    }

    public void QueueFullWait()
    {
        Interlocked.Increment(ref _queueFullWaitsTotal);
        _queueFullWaits?.Add(1, _client);
    }

    public long FailedTotal => Interlocked.Read(ref _failedTotal);

    public ProducerStatistics Snapshot(long inFlight) => new(
        Interlocked.Read(ref _producedTotal),
        Interlocked.Read(ref _deliveredTotal),
        Interlocked.Read(ref _failedTotal),
        Interlocked.Read(ref _queueFullWaitsTotal),
        inFlight);
}

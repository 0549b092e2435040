using System.Diagnostics.Metrics;

namespace K2.Silo.Ingest;

/// <summary>Counters of the silo's consumer on meter <see cref="MeterName"/>; add it to the OpenTelemetry meters.</summary>
public sealed class IngestMetrics
{
    public const string MeterName = "K2.Silo";

    private readonly Counter<long> _messages;
    private readonly Counter<long> _batches;
    private readonly Counter<long> _grainCalls;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _retries;

    public IngestMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _messages = meter.CreateCounter<long>("k2.silo.ingest.messages", description: "Kafka records consumed, by topic.");
        _batches = meter.CreateCounter<long>("k2.silo.ingest.batches", description: "Poll batches processed and committed.");
        _grainCalls = meter.CreateCounter<long>("k2.silo.ingest.grain_calls", description: "Symbol grain IngestAsync calls that succeeded.");
        _deadLetters = meter.CreateCounter<long>("k2.silo.ingest.dead_letters", description: "Records sent to k2.dlq.silo, by stage.");
        _retries = meter.CreateCounter<long>("k2.silo.ingest.batch_retries", description: "Batch attempts that failed and were retried.");
    }

    public void MessageConsumed(string topic) => _messages.Add(1, new KeyValuePair<string, object?>("topic", topic));

    public void BatchCommitted() => _batches.Add(1);

    public void GrainCalled() => _grainCalls.Add(1);

    public void DeadLettered(string stage) => _deadLetters.Add(1, new KeyValuePair<string, object?>("stage", stage));

    public void BatchRetried() => _retries.Add(1);
}

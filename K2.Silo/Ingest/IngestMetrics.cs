using System.Diagnostics.Metrics;

namespace K2.Silo.Ingest;

/// <summary>Counters and gauges of the silo's consumer on meter <see cref="MeterName"/>; add it to the OpenTelemetry meters.</summary>
public sealed class IngestMetrics
{
    public const string MeterName = "K2.Silo";

    private readonly Counter<long> _messages;
    private readonly Counter<long> _batches;
    private readonly Histogram<double> _batchProcessing;
    private readonly Counter<long> _grainCalls;
    private readonly Counter<long> _deadLetters;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _flushes;
    private readonly Counter<long> _flushedRows;
    private readonly Counter<long> _fenced;
    private readonly Counter<long> _flushFailures;
    private readonly Counter<long> _resyncs;
    private readonly Gauge<int> _pausedPartitions;

    public IngestMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(MeterName);
        _messages = meter.CreateCounter<long>("k2.silo.ingest.messages", description: "Kafka records consumed, by topic.");
        _batches = meter.CreateCounter<long>("k2.silo.ingest.batches", description: "Poll batches processed and committed.");
        _batchProcessing = meter.CreateHistogram<double>(
            "k2.silo.ingest.batch_processing",
            unit: "s",
            description: "Time from handing a polled batch to its symbol grains until every grain answered, retries included: what a batch's records wait for before they are visible in the hot window.");
        _grainCalls = meter.CreateCounter<long>("k2.silo.ingest.grain_calls", description: "Symbol grain IngestAsync and IngestQuotesAsync calls that succeeded.");
        _deadLetters = meter.CreateCounter<long>("k2.silo.ingest.dead_letters", description: "Records sent to k2.dlq.silo, by stage.");
        _retries = meter.CreateCounter<long>("k2.silo.ingest.batch_retries", description: "Batch attempts that failed and were retried.");
        _flushes = meter.CreateCounter<long>("k2.silo.flush.commits", description: "Lakehouse commits of the consumer's buffer (one per table per flush).");
        _flushedRows = meter.CreateCounter<long>("k2.silo.flush.rows", description: "Trades and quotes committed to the lakehouse.");
        _fenced = meter.CreateCounter<long>("k2.silo.flush.fenced", description: "Flushes declined because another consumer had moved a partition's offsets on.");
        _flushFailures = meter.CreateCounter<long>("k2.silo.flush.failures", description: "Flush attempts that failed and were retried (warehouse, catalog, grain checkpoint).");
        _resyncs = meter.CreateCounter<long>("k2.silo.ingest.resyncs", description: "Times the consumer dropped its buffer and re-read from the lakehouse's offsets.");
        _pausedPartitions = meter.CreateGauge<int>("k2.silo.ingest.paused_partitions", description: "Partitions the consumer holds paused while its flush is retried (back-pressure; Kafka keeps the backlog).");
    }

    public void MessageConsumed(string topic) => _messages.Add(1, new KeyValuePair<string, object?>("topic", topic));

    public void BatchCommitted() => _batches.Add(1);

    public void BatchProcessed(TimeSpan elapsed) => _batchProcessing.Record(elapsed.TotalSeconds);

    public void GrainCalled() => _grainCalls.Add(1);

    public void DeadLettered(string stage) => _deadLetters.Add(1, new KeyValuePair<string, object?>("stage", stage));

    public void BatchRetried() => _retries.Add(1);

    public void Flushed(int rows)
    {
        _flushes.Add(1);
        _flushedRows.Add(rows);
    }

    public void FlushFenced() => _fenced.Add(1);

    public void FlushFailed() => _flushFailures.Add(1);

    public void Resynced() => _resyncs.Add(1);

    public void PartitionsPaused(int partitions) => _pausedPartitions.Record(partitions);
}

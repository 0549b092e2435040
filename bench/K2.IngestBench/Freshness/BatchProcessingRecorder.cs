using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using K2.Silo.Ingest;

namespace K2.IngestBench.Freshness;

/// <summary>
/// Records the silo consumer's <c>k2.silo.ingest.batch_processing</c> histogram (how long each batch's grain calls
/// took) while the freshness load runs: a probe's hot-path tail is either waiting for a batch, or in one.
/// </summary>
internal sealed class BatchProcessingRecorder : IDisposable
{
    private const string Instrument = "k2.silo.ingest.batch_processing";
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<double> _milliseconds = new();

    public BatchProcessingRecorder(Meter siloMeter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, siloMeter) && instrument.Name == Instrument)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, _, _) => _milliseconds.Enqueue(seconds * 1000));
        _listener.Start();
    }

    /// <summary>The meter the silo's consumer records on (the factory hands out its one cached instance).</summary>
    public static Meter SiloMeter(IMeterFactory meters) => meters.Create(IngestMetrics.MeterName);

    public IReadOnlyCollection<double> Milliseconds => [.. _milliseconds];

    public void Dispose() => _listener.Dispose();
}

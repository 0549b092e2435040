using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace K2.Testing.Metrics;

/// <summary>Records the measurements of one <see cref="Meter"/> instance (not every meter of that name in the process).</summary>
public sealed class MeterCapture : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, long Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();
    private readonly ConcurrentQueue<(string Instrument, double Value)> _doubles = new();

    public MeterCapture(Meter meter)
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter, meter))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
        _listener.SetMeasurementEventCallback<double>((instrument, value, _, _) => _doubles.Enqueue((instrument.Name, value)));
        _listener.Start();
    }

    /// <summary>The total of a counter, optionally only the measurements carrying <paramref name="tag"/> = <paramref name="tagValue"/>.</summary>
    public long Sum(string instrument, string? tag = null, object? tagValue = null) =>
        _measurements
            .Where(m => m.Instrument == instrument)
            .Where(m => tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value, tagValue)))
            .Sum(m => m.Value);

    /// <summary>Every value a floating-point instrument (e.g. a histogram of seconds) recorded, in order.</summary>
    public IReadOnlyList<double> Values(string instrument) => [.. _doubles.Where(m => m.Instrument == instrument).Select(m => m.Value)];

    /// <summary>Polls observable instruments and returns the latest value of <paramref name="instrument"/>.</summary>
    public long? Observe(string instrument)
    {
        _listener.RecordObservableInstruments();
        return _measurements.LastOrDefault(m => m.Instrument == instrument) is { Instrument: not null } last ? last.Value : null;
    }

    public void Dispose() => _listener.Dispose();
}

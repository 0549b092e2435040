using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace K2.ServiceDefaults.Telemetry;

/// <summary>
/// Publishes each health check's latest result as the gauge <see cref="StatusInstrument"/>, so an alert can say which
/// dependency is down (a scrape of <c>/health</c> only says that something is). Values follow
/// <see cref="HealthStatus"/>: 0 unhealthy, 1 degraded, 2 healthy.
/// </summary>
public sealed class HealthStatusMetrics : IHealthCheckPublisher
{
    public const string StatusInstrument = "k2.health.status";
    public const string CheckTag = "check";

    private readonly ConcurrentDictionary<string, int> _latest = new(StringComparer.Ordinal);

    public HealthStatusMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(K2Instruments.HealthMeter);
        meter.CreateObservableGauge(StatusInstrument, Observe, "{status}", "Last result of each health check: 0 unhealthy, 1 degraded, 2 healthy.");
    }

    public Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        foreach (var (name, entry) in report.Entries)
        {
            _latest[name] = (int)entry.Status;
        }

        return Task.CompletedTask;
    }

    private IEnumerable<Measurement<int>> Observe() =>
        _latest.Select(pair => new Measurement<int>(pair.Value, new KeyValuePair<string, object?>(CheckTag, pair.Key)));
}

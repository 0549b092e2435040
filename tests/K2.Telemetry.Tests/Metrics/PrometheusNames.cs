using K2.ServiceDefaults.Telemetry;

namespace K2.Telemetry.Tests.Metrics;

/// <summary>
/// The series names the OpenTelemetry Prometheus exporter gives an instrument (underscore escaping with suffixes):
/// dots become underscores, the unit is appended in words unless it is a <c>{...}</c> annotation, counters end in
/// <c>_total</c>, histograms are <c>_bucket</c>/<c>_sum</c>/<c>_count</c>. The scrape test checks this against the
/// real endpoint, so alert rules can be checked against the catalogue.
/// </summary>
internal static class PrometheusNames
{
    private static readonly Dictionary<string, string> UnitWords = new(StringComparer.Ordinal)
    {
        ["s"] = "seconds",
        ["ms"] = "milliseconds",
        ["By"] = "bytes",
    };

    public static IReadOnlyList<string> SeriesOf(K2Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        var name = instrument.Name.Replace('.', '_');
        if (instrument.Unit is { Length: > 0 } unit && !unit.StartsWith('{'))
        {
            name += "_" + (UnitWords.TryGetValue(unit, out var word) ? word : unit);
        }

        return instrument.Kind switch
        {
            InstrumentKind.Counter => [name + "_total"],
            InstrumentKind.Histogram => [name + "_bucket", name + "_sum", name + "_count"],
            _ => [name],
        };
    }
}

using K2.ServiceDefaults.Telemetry;
using K2.Testing.Postgres;

namespace K2.Telemetry.Tests.Metrics;

/// <summary>docs/telemetry.md documents every catalogued instrument under both its names.</summary>
public sealed class TelemetryDocTests
{
    [Fact]
    public void Every_catalogued_instrument_has_a_row_with_its_OpenTelemetry_and_Prometheus_names()
    {
        var rows = File.ReadAllLines(Path.Combine(RepositoryRoot.Find(), "docs", "telemetry.md"))
            .Where(line => line.StartsWith("| `k2.", StringComparison.Ordinal))
            .ToList();

        Assert.All(K2Instruments.All, instrument => Assert.Contains(rows, row =>
            row.StartsWith($"| `{instrument.Name}` | `{PrometheusNames.SeriesOf(instrument)[0]}` |", StringComparison.Ordinal)));
        Assert.Equal(K2Instruments.All.Count, rows.Count);
    }
}

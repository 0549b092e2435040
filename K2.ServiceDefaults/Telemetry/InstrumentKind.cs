namespace K2.ServiceDefaults.Telemetry;

/// <summary>The OpenTelemetry instrument type; it decides the suffixes the Prometheus exporter appends.</summary>
public enum InstrumentKind
{
    Counter,
    Gauge,
    Histogram,
}

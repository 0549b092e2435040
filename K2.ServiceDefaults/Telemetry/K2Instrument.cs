namespace K2.ServiceDefaults.Telemetry;

/// <summary>One instrument K2 emits, as dashboards and alert rules may rely on it.</summary>
/// <param name="Meter">The meter that creates it (registered with OpenTelemetry by the service defaults).</param>
/// <param name="Name">The stable OpenTelemetry name, always <c>k2.</c>-prefixed.</param>
/// <param name="Kind">Counter, gauge or histogram.</param>
/// <param name="Unit">The UCUM unit; <c>{...}</c> annotations name what is counted and do not appear in Prometheus names.</param>
/// <param name="Tags">The tag keys its measurements carry.</param>
/// <param name="Emitter">The type (and process) that records it.</param>
/// <param name="Description">What one increment or value means.</param>
public sealed record K2Instrument(
    string Meter,
    string Name,
    InstrumentKind Kind,
    string? Unit,
    IReadOnlyList<string> Tags,
    string Emitter,
    string Description);

namespace K2.ServiceDefaults.Telemetry;

/// <summary>
/// K2's own activity sources, which the service defaults register with OpenTelemetry tracing. Components keep their
/// own constants (this project references none of them); the telemetry tests check the two agree, and
/// docs/telemetry.md lists the spans each source makes.
/// </summary>
public static class K2ActivitySources
{
    /// <summary>Publish spans of the feed handlers' records (K2.Kafka/Tracing).</summary>
    public const string Kafka = "K2.Kafka";

    /// <summary>The silo consumer's batch <c>process</c> spans and <c>flush trades</c> spans (K2.Silo/Ingest).</summary>
    public const string Silo = "K2.Silo";

    /// <summary>Iceberg commits (K2.Lakehouse/Diagnostics).</summary>
    public const string Lakehouse = "K2.Lakehouse";

    public static IReadOnlyList<string> All { get; } = [Kafka, Silo, Lakehouse];
}

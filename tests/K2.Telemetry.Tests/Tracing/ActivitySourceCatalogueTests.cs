using K2.Kafka.Tracing;
using K2.Lakehouse.Diagnostics;
using K2.ServiceDefaults.Telemetry;
using K2.Silo.Ingest;

namespace K2.Telemetry.Tests.Tracing;

/// <summary>The service defaults listen to exactly the activity sources K2's components start spans on.</summary>
public sealed class ActivitySourceCatalogueTests
{
    [Fact]
    public void The_registered_K2_sources_are_the_ones_the_components_use()
    {
        string[] used = [KafkaTracing.ActivitySourceName, IngestTracing.ActivitySourceName, LakehouseTracing.ActivitySourceName];

        Assert.Equal(used.Order(StringComparer.Ordinal), K2ActivitySources.All.Order(StringComparer.Ordinal));
    }
}

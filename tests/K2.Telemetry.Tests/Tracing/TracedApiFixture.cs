using System.Diagnostics;
using K2.Api;
using K2.Testing.Clusters;
using K2.Testing.Postgres;
using K2.Testing.Tracing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using OpenTelemetry.Trace;
using Orleans.TestingHost;

namespace K2.Telemetry.Tests.Tracing;

/// <summary>
/// A one-silo cluster on PostgreSQL and the real API host joining it as a client, with the API's own tracer provider
/// (built by the service defaults) exporting to memory. The silo runs in this process, so the provider, which listens
/// to the Orleans sources by name, sees the silo's spans as well as the API's.
/// </summary>
public sealed class TracedApiFixture : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly string _clusterId = "k2-trace-" + Guid.NewGuid().ToString("N")[..8];
    private readonly SynchronizedCollection<Activity> _spans = new();
    private WebApplicationFactory<ApiAssembly>? _api;
    private TestCluster? _cluster;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Every span exported so far, in end order.</summary>
    public IReadOnlyList<Activity> Spans => _spans.Snapshot();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        _cluster = PostgresTestCluster.Build(_database, silos: 1, _clusterId, _clusterId);
        await _cluster.DeployAsync();

        _api = new WebApplicationFactory<ApiAssembly>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("ConnectionStrings:k2db", _database.ConnectionString)
            .UseSetting("Orleans:ClusterId", _clusterId)
            .UseSetting("Orleans:ServiceId", _clusterId)
            // The API reads history from a warehouse; this test asks only grains, so an empty one will do.
            .UseSetting("K2:Lakehouse:WarehousePath", Path.Combine(Path.GetTempPath(), "k2-trace-warehouse-" + _clusterId))
            .ConfigureServices(services => services.ConfigureOpenTelemetryTracerProvider(tracing =>
                tracing.AddInMemoryExporter(_spans))));
        Http = _api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await _database.DisposeAsync();
    }
}

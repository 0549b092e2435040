using K2.Testing.Clusters;
using K2.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Orleans.TestingHost;

namespace K2.Api.Tests;

/// <summary>
/// A real silo cluster on a fresh PostgreSQL database, and the API host joining it as an Orleans client through the
/// same ADO.NET membership table, exactly as in production.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly string _clusterId = "k2-api-" + Guid.NewGuid().ToString("N")[..8];
    private WebApplicationFactory<ApiAssembly>? _api;

    public TestCluster Cluster { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Cluster = PostgresTestCluster.Build(_database, silos: 1, _clusterId, _clusterId);
        await Cluster.DeployAsync();

        _api = new WebApplicationFactory<ApiAssembly>().WithWebHostBuilder(web => web
            .UseEnvironment("Development")
            .UseSetting("ConnectionStrings:k2db", _database.ConnectionString)
            .UseSetting("Orleans:ClusterId", _clusterId)
            .UseSetting("Orleans:ServiceId", _clusterId));
        Http = _api.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await Cluster.DisposeAsync();
        await _database.DisposeAsync();
    }
}

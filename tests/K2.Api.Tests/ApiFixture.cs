using Grpc.Net.Client;
using K2.Api.Tests.Infrastructure;
using K2.Lakehouse.Configuration;
using K2.Testing.Clusters;
using K2.Testing.Postgres;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace K2.Api.Tests;

/// <summary>
/// A real silo cluster on a fresh PostgreSQL database, the lakehouse catalog in the same database with a warehouse
/// directory of its own, and the API host joining the cluster as an Orleans client through the same ADO.NET
/// membership table, exactly as in production. <see cref="Cold"/> writes through the real lakehouse writer.
/// </summary>
public class ApiFixture : IAsyncLifetime
{
    private readonly TestDatabase _database = new();
    private readonly string _clusterId = "k2-api-" + Guid.NewGuid().ToString("N")[..8];
    private readonly string _warehouse = Path.Combine(Path.GetTempPath(), $"k2-api-warehouse-{Guid.NewGuid():N}");

    /// <summary>The lakehouse catalog name the API and <see cref="Cold"/> use; a flushing silo must use it too.</summary>
    public const string CatalogName = "k2_api_test";

    /// <summary>The warehouse the API reads (and a flushing silo writes).</summary>
    protected string WarehousePath => _warehouse;
    private WebApplicationFactory<ApiAssembly>? _api;

    public TestCluster Cluster { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public ColdStore Cold { get; private set; } = null!;

    /// <summary>The environment the API runs in; API keys are enforced outside Development.</summary>
    protected virtual string Environment => "Development";

    /// <summary>Kestrel on real sockets instead of the in-memory test server (for tests of the network endpoints).</summary>
    protected virtual bool OnSockets => false;

    /// <summary>The API host's services.</summary>
    public IServiceProvider ApiServices => _api?.Services ?? throw new InvalidOperationException("The fixture is not initialised.");

    /// <summary>Extra API configuration for fixtures that test limits.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        Cluster = PostgresTestCluster.Build(_database, silos: 1, _clusterId, _clusterId, ConfigureCluster);
        await Cluster.DeployAsync();

        var lakehouse = new Dictionary<string, string?>
        {
            [$"{LakehouseOptions.SectionName}:WarehousePath"] = _warehouse,
            [$"{LakehouseOptions.SectionName}:CatalogName"] = CatalogName,
        };
        Cold = new ColdStore(_database.ConnectionString, lakehouse);
        await Cold.InitializeAsync();

        _api = new WebApplicationFactory<ApiAssembly>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment(Environment)
                .UseSetting("ConnectionStrings:k2db", _database.ConnectionString)
                .UseSetting("Orleans:ClusterId", _clusterId)
                .UseSetting("Orleans:ServiceId", _clusterId)
                .UseSetting("K2:Query:Threads", "1")
                .UseSetting("K2:Query:MemoryLimit", "512MB")
                // Tests that loop over reads must not meet the rate limit; SafetyApiTests sets its own small one.
                .UseSetting("K2:Api:RateLimitPermits", "1000000");
            foreach (var (key, value) in lakehouse)
            {
                web.UseSetting(key, value);
            }

            foreach (var (key, value) in Settings)
            {
                web.UseSetting(key, value);
            }

            web.ConfigureTestServices(ConfigureApiServices);
        });
        if (OnSockets)
        {
            _api.UseKestrel();
        }

        Http = _api.CreateClient();
        await SeedAsync();
    }

    /// <summary>Silo settings a derived fixture needs (<see cref="TestClusterBuilder.Properties"/> become silo configuration).</summary>
    protected virtual void ConfigureCluster(TestClusterBuilder builder)
    {
    }

    /// <summary>Replaces API services for fixtures that need to (applied after the API's own registrations).</summary>
    protected virtual void ConfigureApiServices(IServiceCollection services)
    {
    }

    /// <summary>Data a derived fixture loads once for all tests of its class.</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    /// <summary>A gRPC channel to the API host (HTTP/2 through the in-memory test server).</summary>
    public GrpcChannel CreateGrpcChannel()
    {
        var server = _api?.Server ?? throw new InvalidOperationException("The fixture is not initialised.");
        return GrpcChannel.ForAddress(server.BaseAddress, new GrpcChannelOptions { HttpHandler = server.CreateHandler() });
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        await Cold.DisposeAsync();
        await Cluster.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(_warehouse))
        {
            Directory.Delete(_warehouse, recursive: true);
        }
    }
}

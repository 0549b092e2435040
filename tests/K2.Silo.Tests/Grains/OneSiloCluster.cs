using K2.Testing.Clusters;
using K2.Testing.Postgres;
using Orleans.TestingHost;

namespace K2.Silo.Tests.Grains;

/// <summary>
/// One silo on a PostgreSQL database of its own, for a test class that needs configuration or configurators the shared
/// two-silo cluster (<c>TwoSiloClusterFixture</c>) does not have; a subclass adds them in <see cref="Configure"/>.
/// </summary>
public abstract class OneSiloCluster(string name) : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public IClusterClient Client => _cluster.Client;

    protected TestDatabase Database { get; } = new();

    /// <summary>The silo's services, once deployed.</summary>
    protected IServiceProvider SiloServices => Assert.IsType<InProcessSiloHandle>(Assert.Single(_cluster.Silos)).SiloHost!.Services;

    public Task DeactivateAllAsync() => Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        var id = $"k2-{name}-{Guid.NewGuid().ToString("N")[..8]}";
        _cluster = PostgresTestCluster.Build(Database, 1, id, id, Configure);
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await _cluster.DisposeAsync();
        await Database.DisposeAsync();
    }

    protected abstract void Configure(TestClusterBuilder builder);
}

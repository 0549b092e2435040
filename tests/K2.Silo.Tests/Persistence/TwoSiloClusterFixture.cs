using K2.Testing.Clusters;
using K2.Testing.Postgres;
using Orleans.TestingHost;

namespace K2.Silo.Tests.Persistence;

/// <summary>Two silos configured with UseK2Postgres on one fresh database, plus a client.</summary>
public sealed class TwoSiloClusterFixture : IAsyncLifetime
{
    public const short SiloCount = 2;

    public TestDatabase Database { get; } = new();

    public string ClusterId { get; } = "k2-two-silos-" + Guid.NewGuid().ToString("N")[..8];

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Database.InitializeAsync();
        Cluster = PostgresTestCluster.Build(Database, SiloCount, ClusterId, serviceId: ClusterId);
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Database.DisposeAsync();
    }
}

/// <summary>One two-silo PostgreSQL cluster shared by every test class that needs a running cluster.</summary>
[CollectionDefinition(Name)]
public sealed class TwoSiloClusterCollection : ICollectionFixture<TwoSiloClusterFixture>
{
    public const string Name = "two-silo PostgreSQL cluster";
}

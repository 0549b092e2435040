using K2.Silo.Hosting;
using K2.Testing.Postgres;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace K2.Testing.Clusters;

/// <summary>
/// Builds Orleans test clusters whose silos use <see cref="OrleansPersistenceExtensions.UseK2Postgres"/> on a test
/// database, with the test cluster's in-memory membership switched off so ADO.NET clustering is what forms the
/// cluster and what the client uses to find gateways.
/// </summary>
public static class PostgresTestCluster
{
    // Silos and client read it back the way Program.cs does (GetK2DatabaseConnectionString).
    private const string ConnectionStringKey = "ConnectionStrings:" + SiloConfigurationExtensions.DatabaseConnectionName;

    public static TestCluster Build(TestDatabase database, short silos, string clusterId, string serviceId) =>
        Build(database, silos, clusterId, serviceId, configure: null);

    /// <summary>
    /// As above; <paramref name="configure"/> can add configuration (<see cref="TestClusterBuilder.Properties"/>)
    /// and silo configurators, e.g. <see cref="MarketDataConsumerSiloConfigurator"/>.
    /// </summary>
    public static TestCluster Build(TestDatabase database, short silos, string clusterId, string serviceId, Action<TestClusterBuilder>? configure)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        // Real TCP sockets, as in production: the default in-memory transport only reaches clients inside the
        // TestCluster, so an API host joining through the membership table would find gateways it cannot dial.
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Options.ClusterId = clusterId;
        builder.Options.ServiceId = serviceId;
        // Trace files in the test output directory help nobody on CI; xunit shows failures.
        builder.Options.ConfigureFileLogging = false;
        builder.Properties[ConnectionStringKey] = database.ConnectionString;
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        configure?.Invoke(builder);
        return builder.Build();
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.UseK2Postgres(siloBuilder.Configuration.GetK2DatabaseConnectionString()).UseK2Tracing();
            siloBuilder.Services.AddK2SymbolGrains(siloBuilder.Configuration);
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseAdoNetClustering(options =>
            {
                options.Invariant = OrleansPersistenceExtensions.PostgresInvariant;
                options.ConnectionString = configuration.GetK2DatabaseConnectionString();
            });
    }
}

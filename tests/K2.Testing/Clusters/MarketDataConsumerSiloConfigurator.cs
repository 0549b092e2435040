using K2.Silo.Hosting;
using Orleans.TestingHost;

namespace K2.Testing.Clusters;

/// <summary>
/// Registers the silo's Kafka consumer as Program.cs does; point it at a broker with
/// <c>ConnectionStrings:kafka</c> in the cluster builder's properties.
/// </summary>
public sealed class MarketDataConsumerSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder) =>
        siloBuilder.Services.AddK2MarketDataConsumer(siloBuilder.Configuration);
}

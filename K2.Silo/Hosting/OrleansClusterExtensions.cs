using Orleans.Configuration;

namespace K2.Silo.Hosting;

/// <summary>Gives a K2 silo its cluster identity and endpoints.</summary>
public static class OrleansClusterExtensions
{
    /// <summary>Applies <paramref name="cluster"/>: cluster and service id, silo and gateway ports.</summary>
    public static ISiloBuilder UseK2Cluster(this ISiloBuilder silo, K2ClusterOptions cluster)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        silo.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = cluster.ClusterId;
            options.ServiceId = cluster.ServiceId;
        });
        silo.ConfigureEndpoints(siloPort: cluster.SiloPort, gatewayPort: cluster.GatewayPort);
        return silo;
    }
}

using K2.Api.Health;
using K2.Contracts.Grains;
using Orleans.Configuration;

namespace K2.Api.Extensions;

internal static class OrleansClientExtensions
{
    private const string ConnectionStringName = "k2db";

    /// <summary>
    /// Joins the K2 cluster as a client: gateways are found through the ADO.NET membership table in PostgreSQL,
    /// the same <c>ConnectionStrings:k2db</c> the silos use.
    /// </summary>
    public static WebApplicationBuilder AddK2OrleansClient(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not configured; the API finds the Orleans cluster through it.");

        builder.Services.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = ClusterIdentity.DefaultClusterId;
            options.ServiceId = ClusterIdentity.DefaultServiceId;
            builder.Configuration.GetSection(ClusterIdentity.ConfigurationSection).Bind(options);
        });
        builder.UseOrleansClient(client => client
            .UseAdoNetClustering(options =>
            {
                options.Invariant = "Npgsql";
                options.ConnectionString = connectionString;
            })
            // Each grain call becomes a child span of the HTTP request that made it.
            .AddActivityPropagation());

        builder.Services.AddHealthChecks().AddCheck<OrleansClusterHealthCheck>("orleans-cluster");
        return builder;
    }
}

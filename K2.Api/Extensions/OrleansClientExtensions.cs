using K2.Api.Health;
using Orleans.Configuration;

namespace K2.Api.Extensions;

internal static class OrleansClientExtensions
{
    private const string ConnectionStringName = "k2db";
    private const string OrleansSection = "Orleans";

    /// <summary>
    /// Joins the K2 cluster as a client: gateways are found through the ADO.NET membership table in PostgreSQL,
    /// the same <c>ConnectionStrings:k2db</c> the silos use.
    /// </summary>
    public static WebApplicationBuilder AddK2OrleansClient(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not configured; the API finds the Orleans cluster through it.");

        builder.Services.Configure<ClusterOptions>(builder.Configuration.GetSection(OrleansSection));
        builder.UseOrleansClient(client => client.UseAdoNetClustering(options =>
        {
            options.Invariant = "Npgsql";
            options.ConnectionString = connectionString;
        }));

        builder.Services.AddHealthChecks().AddCheck<OrleansClusterHealthCheck>("orleans-cluster");
        return builder;
    }
}

using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace K2.AppHost.Resources;

internal static class LocalPostgresExtensions
{
    /// <summary>
    /// The database every K2 process shares (Orleans clustering, grain state, reminders, the Iceberg catalog).
    /// An explicit <c>ConnectionStrings:{name}</c> wins; otherwise PostgreSQL runs from local binaries.
    /// </summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddK2Database(
        this IDistributedApplicationBuilder builder, string name)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(name)))
        {
            return builder.AddConnectionString(name);
        }

        var settings = builder.Configuration.GetSection("K2:LocalPostgres");
        var repositoryRoot = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        var dataDirectory = Path.GetFullPath(settings["DataDirectory"] ?? Path.Combine(repositoryRoot, ".k2", "postgres"));
        var port = int.Parse(settings["Port"] ?? "55433", System.Globalization.CultureInfo.InvariantCulture);
        var script = Path.Combine(repositoryRoot, "eng", "postgres", "k2-postgres.sh");

        var postgres = new LocalPostgresResource(name, "bash", repositoryRoot, port, "k2");
        var healthCheckKey = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            healthCheckKey,
            _ => new PostgresReadyHealthCheck(postgres.ConnectionString),
            failureStatus: HealthStatus.Unhealthy,
            tags: null));

        return builder.AddResource(postgres)
            .WithArgs(script, "run", dataDirectory, port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .WithHealthCheck(healthCheckKey);
    }

    private sealed class PostgresReadyHealthCheck(string connectionString) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (NpgsqlException exception)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL is not accepting connections yet", exception);
            }
        }
    }
}

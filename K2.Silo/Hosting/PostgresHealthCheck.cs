using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace K2.Silo.Hosting;

/// <summary>
/// Healthy while the silo's PostgreSQL (membership, grain state, reminders) answers a query. Grain calls fail when it
/// does not, so it is the dependency an operator needs named first; its result also feeds <c>k2.health.status</c>.
/// Bounded by the connection string's own timeouts.
/// </summary>
public sealed class PostgresHealthCheck(string connectionString) : IHealthCheck
{
    public const string Name = "postgres";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL is unreachable or refuses queries", exception);
        }
    }
}

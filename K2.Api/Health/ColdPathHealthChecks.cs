using K2.Lakehouse.Reading;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace K2.Api.Health;

/// <summary>
/// DuckDB answers on a pooled connection. Unhealthy means history queries cannot run; degraded means every pool
/// connection is busy (queries queue), which is load, not breakage.
/// </summary>
public sealed class DuckDbHealthCheck(DuckDbConnectionPool pool) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var lease = await pool.TryRentNowAsync(cancellationToken);
            if (lease is null)
            {
                return HealthCheckResult.Degraded("every DuckDB connection is busy; history queries are queueing");
            }

            await using (lease)
            {
                await using var command = lease.Connection.CreateCommand();
                command.CommandText = "SELECT 1";
                await command.ExecuteScalarAsync(cancellationToken);
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("DuckDB does not answer", exception);
        }
    }
}

/// <summary>The Iceberg catalog database answers. Without it the cold side of every query fails.</summary>
public sealed class CatalogHealthCheck(NpgsqlDataSource catalog) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = catalog.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("the catalog database is unreachable", exception);
        }
    }
}

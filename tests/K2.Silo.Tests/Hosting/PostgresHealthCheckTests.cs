using K2.Silo.Hosting;
using K2.Testing.Postgres;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace K2.Silo.Tests.Hosting;

public sealed class PostgresHealthCheckTests
{
    [Fact]
    public async Task A_database_that_answers_is_healthy()
    {
        await using var database = await TestDatabase.CreateAsync();

        var result = await Check(database.ConnectionString);

        Assert.Equal(HealthStatus.Healthy, result.Status);
    }

    [Fact]
    public async Task A_database_that_is_gone_is_unhealthy_with_the_reason()
    {
        string connectionString;
        await using (var database = await TestDatabase.CreateAsync())
        {
            connectionString = database.ConnectionString;
        }

        // The database was dropped: the server answers, but refuses the connection to it.
        var result = await Check(connectionString);

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.NotNull(result.Exception);
    }

    private static Task<HealthCheckResult> Check(string connectionString) =>
        new PostgresHealthCheck(connectionString).CheckHealthAsync(
            new HealthCheckContext
            {
                Registration = new HealthCheckRegistration(PostgresHealthCheck.Name, _ => null!, HealthStatus.Unhealthy, tags: null),
            });
}

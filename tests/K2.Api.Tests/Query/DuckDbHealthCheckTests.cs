using K2.Api.Health;
using K2.Lakehouse.Reading;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace K2.Api.Tests.Query;

public sealed class DuckDbHealthCheckTests
{
    [Fact]
    public async Task Healthy_when_duckdb_answers_and_degraded_while_every_connection_is_busy()
    {
        await using var pool = new DuckDbConnectionPool(new DuckDbPoolSettings(MaxConnections: 1, Threads: 1, MemoryLimit: string.Empty));
        var check = new DuckDbHealthCheck(pool);
        var context = new HealthCheckContext();

        var idle = await check.CheckHealthAsync(context);
        HealthCheckResult busy;
        await using (await pool.RentAsync(CancellationToken.None))
        {
            busy = await check.CheckHealthAsync(context);
        }

        Assert.Equal(HealthStatus.Healthy, idle.Status);
        Assert.Equal(HealthStatus.Degraded, busy.Status);
    }
}

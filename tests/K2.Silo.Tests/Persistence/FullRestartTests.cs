using K2.Testing.Clusters;
using K2.Testing.Postgres;

namespace K2.Silo.Tests.Persistence;

public sealed class FullRestartTests
{
    [Fact]
    public async Task Grain_state_written_before_a_full_cluster_restart_is_read_after_it()
    {
        await using var database = await TestDatabase.CreateAsync();
        // The same cluster and service identity as a redeployment would have: state is kept per service id.
        var identity = "k2-restart-" + Guid.NewGuid().ToString("N")[..8];

        await using (var before = PostgresTestCluster.Build(database, silos: 1, identity, identity))
        {
            await before.DeployAsync();
            await before.Client.GetGrain<IStateProbeGrain>("AAPL").SetAsync(42);
            await before.StopAllSilosAsync();
        }

        // Stopped gracefully, the old silo is recorded as Dead, not left as a member the new one must wait out.
        Assert.Equal([MembershipRows.Dead], await MembershipRows.StatusesAsync(database, identity));

        await using var after = PostgresTestCluster.Build(database, silos: 1, identity, identity);
        await after.DeployAsync();

        Assert.Equal(42, await after.Client.GetGrain<IStateProbeGrain>("AAPL").GetAsync());
    }
}

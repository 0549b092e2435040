namespace K2.Silo.Tests.Persistence;

[Collection(TwoSiloClusterCollection.Name)]
public sealed class TwoSiloClusterTests(TwoSiloClusterFixture fixture)
{
    private static readonly TimeSpan MembershipConvergence = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Both_silos_are_active_members_of_one_cluster()
    {
        var statuses = await MembershipRows.StatusesAsync(fixture.Database, fixture.ClusterId);
        Assert.Equal([MembershipRows.Active, MembershipRows.Active], statuses);

        // Each silo's own view comes from the table plus gossip; give the second silo's arrival time to spread.
        var management = fixture.Cluster.Client.GetGrain<IManagementGrain>(0);
        var deadline = DateTime.UtcNow + MembershipConvergence;
        Dictionary<SiloAddress, SiloStatus> hosts;
        while ((hosts = await management.GetHosts(onlyActive: true)).Count < TwoSiloClusterFixture.SiloCount && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(TwoSiloClusterFixture.SiloCount, hosts.Count);
        Assert.All(hosts.Values, status => Assert.Equal(SiloStatus.Active, status));
        Assert.Equal(
            fixture.Cluster.Silos.Select(silo => silo.SiloAddress).Order(),
            hosts.Keys.Order());
    }

    [Fact]
    public async Task A_client_call_through_the_gateway_reaches_a_grain_with_postgres_state()
    {
        var grain = fixture.Cluster.Client.GetGrain<IStateProbeGrain>("gateway-call");

        await grain.SetAsync(7);
        await fixture.Cluster.DeactivateAsync(grain);

        Assert.Equal(7, await grain.GetAsync());
    }

    [Fact]
    public async Task Cleared_state_reads_back_as_default_and_can_be_written_again()
    {
        var grain = fixture.Cluster.Client.GetGrain<IStateProbeGrain>("cleared");
        await grain.SetAsync(5);

        await grain.ClearAsync();
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(0, await grain.GetAsync());

        // The new activation read the cleared row's version, so its next write must be accepted.
        await grain.SetAsync(6);
        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal(6, await grain.GetAsync());
    }

    [Fact]
    public async Task Reminders_are_kept_in_postgres_until_unregistered()
    {
        var grain = fixture.Cluster.Client.GetGrain<IReminderProbeGrain>("reminders");

        await grain.RegisterAsync("flush");
        await grain.RegisterAsync("compact");
        await grain.RegisterAsync("flush");
        Assert.Equal(["compact", "flush"], await grain.ReminderNamesAsync());
        Assert.Equal(
            [("compact", 0), ("flush", 1)],
            await ReminderRows.ForServiceAsync(fixture.Database, fixture.ClusterId));

        await grain.UnregisterAsync("flush");
        Assert.Equal(["compact"], await grain.ReminderNamesAsync());
        Assert.Equal(
            [("compact", 0)],
            await ReminderRows.ForServiceAsync(fixture.Database, fixture.ClusterId));
    }
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace K2.Telemetry.Tests.Runtime;

// The thread pool is process-wide: these tests only ever raise its floor, which no other test depends on (no other test
// configures K2:ThreadPool, and its default changes nothing).
public sealed class ThreadPoolFloorTests
{
    [Fact]
    public void Raises_the_pools_minimum_worker_threads_to_the_configured_floor()
    {
        ThreadPool.GetMinThreads(out var before, out var completionPortsBefore);
        var floor = before + 100;

        var inForce = ThreadPoolFloor.Apply(Configuration(floor));

        ThreadPool.GetMinThreads(out var after, out var completionPortsAfter);
        Assert.Equal(floor, after);
        Assert.Equal(floor, inForce);
        Assert.Equal(completionPortsBefore, completionPortsAfter);
    }

    [Fact]
    public void Never_lowers_a_floor_that_is_already_higher()
    {
        ThreadPool.GetMinThreads(out var before, out _);

        var inForce = ThreadPoolFloor.Apply(Configuration(1));

        ThreadPool.GetMinThreads(out var after, out _);
        Assert.True(after >= before, $"lowered from {before} to {after}");
        Assert.Equal(after, inForce);
    }

    [Fact]
    public void Without_configuration_leaves_the_runtimes_floor()
    {
        ThreadPool.GetMinThreads(out var before, out _);

        var inForce = ThreadPoolFloor.Apply(new ConfigurationBuilder().Build());

        Assert.Equal(0, new ThreadPoolOptions().MinWorkerThreads);
        Assert.Equal(before, inForce);
    }

    [Fact]
    public void Rejects_a_negative_floor_with_the_setting_named()
    {
        var error = Assert.Throws<ValidationException>(() => ThreadPoolFloor.Apply(Configuration(-1)));

        Assert.Contains(nameof(ThreadPoolOptions.MinWorkerThreads), error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(int minWorkerThreads) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["K2:ThreadPool:MinWorkerThreads"] = minWorkerThreads.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Build();
}

using K2.Contracts.Grains;
using K2.Testing;
using Orleans.TestingHost;

namespace K2.Api.Tests.Infrastructure;

/// <summary>Ends symbol grain activations, so the next call activates a fresh one from persisted state.</summary>
public static class GrainActivations
{
    public static async Task DeactivateSymbolAsync(this TestCluster cluster, string grainKey)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        var grainId = cluster.Client.GetGrain<ISymbolGrain>(grainKey).GetGrainId();
        using var deadline = new CancellationTokenSource(TestTimeouts.Generous);
        do
        {
            await management.ForceActivationCollection(TimeSpan.Zero);
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
        while ((await management.GetActiveGrains(grainId.Type)).Contains(grainId));
    }
}

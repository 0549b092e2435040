using K2.Silo.Grains;

namespace K2.MemoryBench;

/// <summary>How many activations of each grain class the cluster holds (Orleans' management grain).</summary>
internal static class ActivationCounts
{
    public static async Task<int> OfAsync<TGrain>(IClusterClient client)
    {
        var statistics = await client.GetGrain<IManagementGrain>(0).GetSimpleGrainStatistics();
        // Orleans names a grain type by its class (full name in statistics) or, by default, the class name without "Grain", lower case.
        var fullName = typeof(TGrain).FullName!;
        var shortName = typeof(TGrain).Name.Replace("Grain", string.Empty, StringComparison.Ordinal).ToLowerInvariant();
        return statistics
            .Where(s => s.GrainType.Contains(fullName, StringComparison.Ordinal) || s.GrainType == shortName)
            .Sum(s => s.ActivationCount);
    }

    public static Task<int> SymbolGrainsAsync(IClusterClient client) => OfAsync<SymbolGrain>(client);
}

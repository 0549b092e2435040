using K2.ChaosTests.Harness;
using K2.ChaosTests.Load;
using K2.Contracts.Grains;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace K2.ChaosTests.Reconciliation;

/// <summary>
/// Asks the symbol grains of the silo processes for their integrity state, as an external Orleans client finding the
/// gateways through the membership table (as K2.Api does). Retried for a while: right after kills the directory may
/// still point at a dead silo until membership catches up.
/// </summary>
public static class GrainIntegrity
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    public static async Task<IReadOnlyDictionary<ChaosSymbol, IntegritySummary>> ReadAsync(ChaosEnvironment environment, IEnumerable<ChaosSymbol> symbols)
    {
        using var host = new HostBuilder()
            .UseOrleansClient(client => client
                .UseAdoNetClustering(options =>
                {
                    options.Invariant = "Npgsql";
                    options.ConnectionString = environment.Postgres.ConnectionString;
                })
                .Configure<ClusterOptions>(options =>
                {
                    options.ClusterId = environment.ClusterId;
                    options.ServiceId = environment.ClusterId;
                }))
            .Build();
        await host.StartAsync();
        var grains = host.Services.GetRequiredService<IClusterClient>();
        var summaries = new Dictionary<ChaosSymbol, IntegritySummary>();
        foreach (var symbol in symbols)
        {
            summaries[symbol] = await WithRetriesAsync(() => grains.GetGrain<ISymbolGrain>(new SymbolKey(symbol.Exchange, symbol.Symbol).ToString()).GetIntegrityAsync().AsTask());
        }

        await host.StopAsync();
        return summaries;
    }

    private static async Task<T> WithRetriesAsync<T>(Func<Task<T>> call)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (exception is not OperationCanceledException && !deadline.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), CancellationToken.None);
            }
        }
    }
}

using K2.Contracts.Grains;

namespace K2.MemoryBench;

/// <summary>Heap of the silo process after full collections at each step of the idle-grain comparison.</summary>
internal sealed record IdleResult(
    int Grains,
    int TradesPerGrain,
    int TrivialActivations,
    int SymbolActivations,
    MemorySample Baseline,
    MemorySample WithTrivial,
    MemorySample WithSymbols,
    int BusyGrains,
    int TradesPerBusyGrain,
    MemorySample WithBusy)
{
    public double TrivialBytesPerGrain => (double)(WithTrivial.ManagedBytes - Baseline.ManagedBytes) / Grains;

    public double SymbolBytesPerGrain => (double)(WithSymbols.ManagedBytes - WithTrivial.ManagedBytes) / Grains;

    /// <summary>What a K2 symbol grain holds beyond what any activation costs Orleans.</summary>
    public double K2BytesPerGrain => SymbolBytesPerGrain - TrivialBytesPerGrain;

    /// <summary>A symbol grain at its steady state: a full message-id ring and <see cref="TradesPerBusyGrain"/> hot trades.</summary>
    public double BusyBytesPerGrain => (double)(WithBusy.ManagedBytes - WithSymbols.ManagedBytes) / BusyGrains;
}

/// <summary>
/// Bytes per idle symbol grain beyond Orleans' own activation cost, in a silo process with no consumer: warm both
/// grain classes up (JIT, pools), measure the managed heap after full compacting collections, activate N trivial
/// grains, measure, activate N symbol grains with a few trades each (persisted as direct batches are), measure. The
/// per-grain differences are compared. Then N busy symbol grains (a full message-id ring, thousands of hot trades
/// each): what a symbol costs once it has traded for a while, which the idle step does not show.
/// </summary>
internal static class IdleGrainsPhase
{
    private const int WarmUpGrains = 200;
    private const int Parallelism = 64;
    private const int MaxTradesPerCall = 500;
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    public static async Task<IdleResult> RunAsync(MemoryOptions options, TextWriter log)
    {
        await using var silo = await SiloProcess.StartAsync(options.Postgres, new Dictionary<string, string>(), log);
        var client = silo.Client;
        var probe = client.GetGrain<IMemoryProbeGrain>(0);
        await ActivateTrivialAsync(client, "WARM", WarmUpGrains);
        await ActivateSymbolsAsync(client, "WARM", WarmUpGrains, options.TradesPerIdleGrain);
        await Task.Delay(Settle);
        var baseline = await probe.MeasureAsync(collectFirst: true);

        await log.WriteLineAsync($"idle: activating {options.IdleGrains:N0} trivial grains");
        await ActivateTrivialAsync(client, "IDLE", options.IdleGrains);
        await Task.Delay(Settle);
        var withTrivial = await probe.MeasureAsync(collectFirst: true);

        await log.WriteLineAsync($"idle: activating {options.IdleGrains:N0} symbol grains with {options.TradesPerIdleGrain} trades each");
        var withSymbols = await AddSymbolsAsync(silo, options, "IDLE", options.IdleGrains, options.TradesPerIdleGrain, "idle-symbol-grains", log);
        var symbolActivations = await ActivationCounts.SymbolGrainsAsync(client);

        await log.WriteLineAsync($"busy: activating {options.BusyGrains:N0} symbol grains with {options.TradesPerBusyGrain:N0} trades each");
        var withBusy = await AddSymbolsAsync(silo, options, "BUSY", options.BusyGrains, options.TradesPerBusyGrain, "busy-symbol-grains", log);

        return new IdleResult(
            options.IdleGrains, options.TradesPerIdleGrain,
            await ActivationCounts.OfAsync<TrivialGrain>(client), symbolActivations,
            baseline, withTrivial, withSymbols,
            options.BusyGrains, options.TradesPerBusyGrain, withBusy);
    }

    /// <summary>Activates and feeds symbol grains, then measures the heap after full GCs (and dumps it when asked).</summary>
    private static async Task<MemorySample> AddSymbolsAsync(
        SiloProcess silo, MemoryOptions options, string prefix, int count, int trades, string dumpName, TextWriter log)
    {
        await ActivateSymbolsAsync(silo.Client, prefix, count, trades);
        await Task.Delay(Settle);
        var sample = await silo.Client.GetGrain<IMemoryProbeGrain>(0).MeasureAsync(collectFirst: true);
        if (options.GcDumpDirectory is { } dumps)
        {
            await HeapDump.CollectAsync(silo.ProcessId, Path.Combine(dumps, dumpName), log);
        }

        return sample;
    }

    private static Task ActivateTrivialAsync(IClusterClient client, string prefix, int count) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
            await client.GetGrain<ITrivialGrain>(new SymbolKey(BenchTrades.Exchange, BenchTrades.Symbol(prefix, i)).ToString()).TouchAsync());

    private static Task ActivateSymbolsAsync(IClusterClient client, string prefix, int count, int trades) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
        {
            var symbol = BenchTrades.Symbol(prefix, i);
            var grain = client.GetGrain<ISymbolGrain>(new SymbolKey(BenchTrades.Exchange, symbol).ToString());

            // In batches of a consumer poll's size: one message of thousands of trades per grain grows Orleans' network
            // buffer pool (128 KB blocks it keeps), which would be counted as the grains' memory.
            for (var first = 1; first <= trades; first += MaxTradesPerCall)
            {
                var size = Math.Min(MaxTradesPerCall, trades - first + 1);
                var batch = new TradeBatch([.. Enumerable.Range(first, size).Select(id => BenchTrades.Create(symbol, id))]);
                var result = await grain.IngestAsync(batch);
                if (result.Accepted != size)
                {
                    throw new InvalidOperationException($"{symbol}: {result.Accepted} of {size} trades accepted.");
                }
            }
        });
}

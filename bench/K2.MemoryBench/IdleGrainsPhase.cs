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
    MemorySample WithSymbols)
{
    public double TrivialBytesPerGrain => (double)(WithTrivial.ManagedBytes - Baseline.ManagedBytes) / Grains;

    public double SymbolBytesPerGrain => (double)(WithSymbols.ManagedBytes - WithTrivial.ManagedBytes) / Grains;

    /// <summary>What a K2 symbol grain holds beyond what any activation costs Orleans.</summary>
    public double K2BytesPerGrain => SymbolBytesPerGrain - TrivialBytesPerGrain;
}

/// <summary>
/// Bytes per idle symbol grain beyond Orleans' own activation cost, in a silo process with no consumer: warm both
/// grain classes up (JIT, pools), measure the managed heap after full compacting collections, activate N trivial
/// grains, measure, activate N symbol grains with a few trades each (persisted as direct batches are), measure. The
/// per-grain differences are compared.
/// </summary>
internal static class IdleGrainsPhase
{
    private const int WarmUpGrains = 200;
    private const int Parallelism = 64;
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
        await ActivateSymbolsAsync(client, "IDLE", options.IdleGrains, options.TradesPerIdleGrain);
        await Task.Delay(Settle);
        var withSymbols = await probe.MeasureAsync(collectFirst: true);
        if (options.GcDumpDirectory is { } dumps)
        {
            await HeapDump.CollectAsync(silo.ProcessId, Path.Combine(dumps, "idle-symbol-grains"), log);
        }

        return new IdleResult(
            options.IdleGrains, options.TradesPerIdleGrain,
            await ActivationCounts.OfAsync<TrivialGrain>(client), await ActivationCounts.SymbolGrainsAsync(client),
            baseline, withTrivial, withSymbols);
    }

    private static Task ActivateTrivialAsync(IClusterClient client, string prefix, int count) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
            await client.GetGrain<ITrivialGrain>(new SymbolKey(BenchTrades.Exchange, BenchTrades.Symbol(prefix, i)).ToString()).TouchAsync());

    private static Task ActivateSymbolsAsync(IClusterClient client, string prefix, int count, int trades) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, _) =>
        {
            var symbol = BenchTrades.Symbol(prefix, i);
            var batch = new TradeBatch([.. Enumerable.Range(1, trades).Select(id => BenchTrades.Create(symbol, id))]);
            var result = await client.GetGrain<ISymbolGrain>(new SymbolKey(BenchTrades.Exchange, symbol).ToString()).IngestAsync(batch);
            if (result.Accepted != trades)
            {
                throw new InvalidOperationException($"{symbol}: {result.Accepted} of {trades} trades accepted.");
            }
        });
}

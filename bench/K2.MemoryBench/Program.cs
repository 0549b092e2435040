using K2.Bench;
using K2.MemoryBench;

// Silo memory benchmark; bench/run-memory.sh runs it against a throwaway PostgreSQL. With --silo this program is the
// measured silo process that the benchmark starts.
if (args is ["--silo"])
{
    await SiloHost.RunAsync();
    return 0;
}

var options = MemoryOptions.Parse(args);
var loadAtStart = LoadAverage.Read();
ActiveResult? active = options.IdleOnly ? null : await ActiveSymbolsPhase.RunAsync(options, Console.Out);
var idle = await IdleGrainsPhase.RunAsync(options, Console.Out);
await MemoryResultWriter.WriteAsync(options, active, idle, loadAtStart, Console.Out);
return (active is null || active.Accepted == active.Produced) && idle.SymbolActivations >= options.IdleGrains ? 0 : 1;

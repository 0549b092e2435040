using System.Globalization;

namespace K2.MemoryBench;

/// <summary>What one run measures; from the command line and the environment (<c>K2_BENCH_POSTGRES</c>).</summary>
internal sealed record MemoryOptions(
    int ActiveSymbols,
    int ActiveRate,
    TimeSpan ActiveDuration,
    int IdleGrains,
    int TradesPerIdleGrain,
    int BusyGrains,
    int TradesPerBusyGrain,
    int Partitions,
    string Postgres,
    string OutputDirectory,
    bool IdleOnly,
    string? GcDumpDirectory)
{
    private const int DefaultActiveSymbols = 2_000;
    private const int DefaultActiveRate = 5_000;
    private const int DefaultIdleGrains = 10_000;
    private const int QuickIdleGrains = 2_000;
    private const int DefaultTradesPerIdleGrain = 3;

    // A busy symbol at its steady state: more trades than its message-id ring holds (4,096 by default), all of them in
    // its hot window (timestamps are the wall clock, so none ages out). 200 × 5,000 stays under the silo's bound on
    // unflushed trades (K2:HotWindow:MaxUnflushedTrades): the grains are fed directly, with no consumer to flush them.
    private const int DefaultBusyGrains = 200;
    private const int QuickBusyGrains = 50;
    private const int DefaultTradesPerBusyGrain = 5_000;
    private const int DefaultPartitions = 40;
    private static readonly TimeSpan DefaultActiveDuration = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan QuickActiveDuration = TimeSpan.FromSeconds(30);

    public static MemoryOptions Parse(string[] args)
    {
        var symbols = DefaultActiveSymbols;
        var rate = DefaultActiveRate;
        var duration = DefaultActiveDuration;
        var idle = DefaultIdleGrains;
        var busy = DefaultBusyGrains;
        var busyTrades = DefaultTradesPerBusyGrain;
        var output = Path.Combine("bench", "results");
        var idleOnly = false;
        string? gcdump = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    duration = QuickActiveDuration;
                    idle = QuickIdleGrains;
                    busy = QuickBusyGrains;
                    break;
                case "--symbols":
                    symbols = Int(args[++i]);
                    break;
                case "--rate":
                    rate = Int(args[++i]);
                    break;
                case "--seconds":
                    duration = TimeSpan.FromSeconds(Int(args[++i]));
                    break;
                case "--idle-grains":
                    idle = Int(args[++i]);
                    break;
                case "--busy-grains":
                    busy = Int(args[++i]);
                    break;
                case "--busy-trades":
                    busyTrades = Int(args[++i]);
                    break;
                case "--out":
                    output = args[++i];
                    break;
                case "--idle-only":
                    idleOnly = true;
                    break;
                case "--gcdump":
                    gcdump = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Use --quick | --symbols N | --rate TRADES_PER_S | --seconds S | --idle-grains N | --busy-grains N | --busy-trades N | --out DIR | --idle-only | --gcdump DIR.");
            }
        }

        var postgres = Environment.GetEnvironmentVariable("K2_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("K2_BENCH_POSTGRES is not set; run bench/run-memory.sh, which starts a throwaway PostgreSQL.");
        return new MemoryOptions(symbols, rate, duration, idle, DefaultTradesPerIdleGrain, busy, busyTrades, DefaultPartitions, postgres, output, idleOnly, gcdump);
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}

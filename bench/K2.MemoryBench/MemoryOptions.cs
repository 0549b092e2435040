using System.Globalization;

namespace K2.MemoryBench;

/// <summary>What one run measures; from the command line and the environment (<c>K2_BENCH_POSTGRES</c>).</summary>
internal sealed record MemoryOptions(
    int ActiveSymbols,
    int ActiveRate,
    TimeSpan ActiveDuration,
    int IdleGrains,
    int TradesPerIdleGrain,
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
    private const int DefaultPartitions = 40;
    private static readonly TimeSpan DefaultActiveDuration = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan QuickActiveDuration = TimeSpan.FromSeconds(30);

    public static MemoryOptions Parse(string[] args)
    {
        var symbols = DefaultActiveSymbols;
        var rate = DefaultActiveRate;
        var duration = DefaultActiveDuration;
        var idle = DefaultIdleGrains;
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
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Use --quick | --symbols N | --rate TRADES_PER_S | --seconds S | --idle-grains N | --out DIR | --idle-only | --gcdump DIR.");
            }
        }

        var postgres = Environment.GetEnvironmentVariable("K2_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("K2_BENCH_POSTGRES is not set; run bench/run-memory.sh, which starts a throwaway PostgreSQL.");
        return new MemoryOptions(symbols, rate, duration, idle, DefaultTradesPerIdleGrain, DefaultPartitions, postgres, output, idleOnly, gcdump);
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}

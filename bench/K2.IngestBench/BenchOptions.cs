using System.Globalization;

namespace K2.IngestBench;

/// <summary>What one run measures; from the command line (<c>--trades N --symbols M --quick</c>) and the environment.</summary>
internal sealed record BenchOptions(int Trades, int Symbols, int Partitions, string Postgres, string OutputDirectory)
{
    private const int DefaultTrades = 2_000_000;
    private const int QuickTrades = 200_000;
    private const int DefaultSymbols = 200;
    private const int DefaultPartitions = 40;

    public static BenchOptions Parse(string[] args)
    {
        var trades = DefaultTrades;
        var symbols = DefaultSymbols;
        var partitions = DefaultPartitions;
        var output = Path.Combine("bench", "results");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    trades = QuickTrades;
                    break;
                case "--trades":
                    trades = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--symbols":
                    symbols = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--partitions":
                    partitions = int.Parse(args[++i], CultureInfo.InvariantCulture);
                    break;
                case "--out":
                    output = args[++i];
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. Use --quick | --trades N | --symbols M | --partitions P | --out DIR.");
            }
        }

        var postgres = Environment.GetEnvironmentVariable("K2_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("K2_BENCH_POSTGRES is not set; run bench/run-ingest.sh, which starts a throwaway PostgreSQL.");
        return new BenchOptions(trades, symbols, partitions, postgres, output);
    }
}

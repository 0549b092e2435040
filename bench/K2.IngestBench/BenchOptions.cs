using System.Globalization;
using K2.Kafka.Broker;

namespace K2.IngestBench;

/// <summary>What one run measures; from the command line (<c>--trades N --symbols M --quick</c>) and the environment.</summary>
internal sealed record BenchOptions(
    int Trades,
    int Symbols,
    int Partitions,
    string Postgres,
    string OutputDirectory,
    string ApiAssembly,
    IReadOnlyList<int>? FreshnessRates,
    TimeSpan FreshnessDuration,
    TimeSpan FreshnessWarmup,
    TimeSpan ProbeInterval,
    TimeSpan FlushMaxAge,
    TimeSpan BatchMaxWait,
    TimeSpan BatchLinger,
    int FetchWaitMaxMs,
    int LoadLingerMs,
    int? FlushMaxTrades)
{
    // The local broker (librdkafka's mock cluster) keeps at most 100,000 messages or 5 MiB per partition; under the
    // Zipf skew the busiest symbol's partition carries ~17 % of the flow, so 2,000,000 trades stall the pre-load.
    // 400,000 fits with room to spare; larger runs need more symbols (a flatter busiest share) or a real broker.
    private const int DefaultTrades = 400_000;
    private const int QuickTrades = 200_000;
    private const int DefaultSymbols = 200;
    private const int DefaultPartitions = 40;
    private static readonly TimeSpan DefaultFreshnessDuration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan QuickFreshnessDuration = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan DefaultProbeInterval = TimeSpan.FromMilliseconds(20);

    // The freshness load runs this long before probes count: the API process has just started and both processes
    // still compile their hot code at tier 1 for tens of seconds on two saturated cores (docs/benchmarks.md,
    // "Freshness, session 11"); `--freshness-warmup-seconds 0` measures from the first second instead.
    private static readonly TimeSpan DefaultFreshnessWarmup = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan QuickFreshnessWarmup = TimeSpan.FromSeconds(5);

    // K2's own defaults (FlushOptions.MaxAge, IngestOptions.MaxBatchWait), so a run without flags measures them.
    private static readonly TimeSpan DefaultFlushMaxAge = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DefaultBatchMaxWait = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan DefaultBatchLinger = TimeSpan.FromMilliseconds(10); // IngestOptions.MaxBatchLinger

    // Not K2's default (KafkaConsumerOptions.FetchWaitMaxMs, 100 ms) but what the local broker needs to answer like a
    // real one (see LocalKafkaBroker.ConsumerFetchWaitMaxMs).
    private const int DefaultFetchWaitMaxMs = LocalKafkaBroker.ConsumerFetchWaitMaxMs;

    // The freshness load's producer `linger.ms` (the probes' producer keeps K2's default, 5 ms). The local broker finds
    // a fetch's offset by walking the partition's whole log and answers one producer batch per partition per fetch, so
    // its CPU grows with (batches produced) × (batches kept); with K2's 5 ms it took 35 % of the two cores at 21,677
    // trades/s, more than the silo. 50 ms makes a tenth of the batches (15 %); a real broker indexes its log and
    // returns many batches per fetch (docs/benchmarks.md, "Freshness, session 11"). `--load-linger-ms 5` measures the other.
    private const int DefaultLoadLingerMs = 50;

    private const string Usage = "Use --quick | --trades N | --symbols M | --partitions P | --out DIR | --freshness-rate TRADES_PER_S[,TRADES_PER_S...] | "
        + "--freshness-seconds S | --freshness-warmup-seconds S | --probe-ms MS | --flush-age-ms MS | --batch-wait-ms MS | --batch-linger-ms MS | --fetch-wait-ms MS | --load-linger-ms MS | "
        + "--flush-max-trades N.";

    public static BenchOptions Parse(string[] args)
    {
        var trades = DefaultTrades;
        var symbols = DefaultSymbols;
        var partitions = DefaultPartitions;
        var output = Path.Combine("bench", "results");
        IReadOnlyList<int>? freshnessRates = null;
        TimeSpan? freshnessDuration = null;
        TimeSpan? freshnessWarmup = null;
        var quick = false;
        var probeInterval = DefaultProbeInterval;
        var flushAge = DefaultFlushMaxAge;
        var batchWait = DefaultBatchMaxWait;
        var batchLinger = DefaultBatchLinger;
        var fetchWait = DefaultFetchWaitMaxMs;
        var loadLinger = DefaultLoadLingerMs;
        int? flushMaxTrades = null; // K2's own default (FlushOptions.MaxTrades) unless given
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    trades = QuickTrades;
                    quick = true;
                    break;
                case "--trades":
                    trades = Int(args[++i]);
                    break;
                case "--symbols":
                    symbols = Int(args[++i]);
                    break;
                case "--partitions":
                    partitions = Int(args[++i]);
                    break;
                case "--out":
                    output = args[++i];
                    break;
                case "--freshness-rate":
                    // Several rates (5000,10000,21677) make a sweep: one step per rate, in the order given.
                    freshnessRates = [.. args[++i].Split(',').Select(Int)];
                    break;
                case "--freshness-seconds":
                    freshnessDuration = TimeSpan.FromSeconds(Int(args[++i]));
                    break;
                case "--freshness-warmup-seconds":
                    freshnessWarmup = TimeSpan.FromSeconds(Int(args[++i]));
                    break;
                case "--probe-ms":
                    probeInterval = TimeSpan.FromMilliseconds(Int(args[++i]));
                    break;
                case "--flush-age-ms":
                    flushAge = TimeSpan.FromMilliseconds(Int(args[++i]));
                    break;
                case "--batch-wait-ms":
                    batchWait = TimeSpan.FromMilliseconds(Int(args[++i]));
                    break;
                case "--batch-linger-ms":
                    batchLinger = TimeSpan.FromMilliseconds(Int(args[++i]));
                    break;
                case "--fetch-wait-ms":
                    fetchWait = Int(args[++i]);
                    break;
                case "--load-linger-ms":
                    loadLinger = Int(args[++i]);
                    break;
                case "--flush-max-trades":
                    flushMaxTrades = Int(args[++i]);
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[i]}'. {Usage}");
            }
        }

        var postgres = Environment.GetEnvironmentVariable("K2_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("K2_BENCH_POSTGRES is not set; run bench/run-ingest.sh, which starts a throwaway PostgreSQL.");
        var api = Environment.GetEnvironmentVariable("K2_BENCH_API_DLL") ?? Path.Combine("K2.Api", "bin", "Release", "net10.0", "K2.Api.dll");
        return new BenchOptions(
            trades, symbols, partitions, postgres, output, api, freshnessRates,
            freshnessDuration ?? (quick ? QuickFreshnessDuration : DefaultFreshnessDuration),
            freshnessWarmup ?? (quick ? QuickFreshnessWarmup : DefaultFreshnessWarmup), probeInterval, flushAge, batchWait, batchLinger,
            fetchWait, loadLinger, flushMaxTrades);
    }

    private static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace K2.QueryBench;

/// <summary>What one run builds and measures; from the command line and the environment (see bench/run-query.sh).</summary>
internal sealed record QueryBenchOptions(
    int Trades,
    int Symbols,
    int Days,
    int FlushTrades,
    int Seed,
    int Concurrency,
    TimeSpan WarmUp,
    TimeSpan Duration,
    string Postgres,
    string CacheDirectory,
    string OutputDirectory,
    string RepositoryRoot)
{
    private const int DefaultTrades = 20_000_000;
    private const int QuickTrades = 2_000_000;
    private const int DefaultSymbols = 200;
    private const int DefaultDays = 3;

    // About five seconds of flow at 50,000 trades/s: what the silo's default flush (K2:Flush:MaxAge 5 s) commits at a
    // healthy ingest rate, so files and snapshots are as many and as large as a silo would leave them.
    private const int DefaultFlushTrades = 250_000;
    private const int DefaultConcurrency = 4;

    // The API's own default (K2.Api QueryOptions.Threads), so a run measures what a deployment gets.
    private const int DefaultDuckDbThreads = 1;

    // The API's own default (K2.Api QueryOptions.MaxConnections).
    private const int DefaultApiConnections = 4;
    private static readonly TimeSpan DefaultWarmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan QuickWarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan QuickDuration = TimeSpan.FromSeconds(6);

    public bool Quick { get; init; }

    /// <summary>DuckDB threads per connection, for the API (<c>K2:Query:Threads</c>) and the baseline alike (<c>--duckdb-threads</c>).</summary>
    public int DuckDbThreads { get; init; } = DefaultDuckDbThreads;

    /// <summary>
    /// The API's DuckDB connections (<c>K2:Query:MaxConnections</c>, <c>--duckdb-connections</c>): by default the API's
    /// own default or the concurrency if higher, so no client waits for a connection the API would have had.
    /// </summary>
    public int? DuckDbConnections { get; init; }

    /// <summary>
    /// DuckDB's external file cache (its copy of the Parquet bytes read) for the API (<c>K2:Query:FileDataCache</c>)
    /// and the baseline alike (<c>--duckdb-file-cache</c>); off by default, as the API's own default.
    /// </summary>
    public bool DuckDbFileCache { get; init; }

    /// <summary>The connections the API runs with.</summary>
    public int ApiDuckDbConnections => DuckDbConnections ?? Math.Max(DefaultApiConnections, Concurrency);

    /// <summary>
    /// Rows per Parquet row group of the generated table (<c>--row-group-rows</c>; default the writer's own
    /// <c>K2:Lakehouse:RowGroupRows</c>), so a run can compare layouts over the same trades.
    /// </summary>
    public int RowGroupRows { get; init; } = DefaultRowGroupRows;

    /// <summary>The queries to measure (all five unless <c>--query</c> names some, e.g. to profile one).</summary>
    public IReadOnlyList<QueryKind> Queries { get; init; } = Enum.GetValues<QueryKind>();

    /// <summary>Null: both targets; else <c>api</c> and/or <c>duckdb</c> (<c>--target</c>).</summary>
    public IReadOnlySet<string>? Targets { get; init; }

    /// <summary>
    /// Names the cached table by everything that changes its files: "bars-1m" marks tables whose trades files have bar
    /// sidecars (docs/lakehouse.md), so a table cached before they existed is written again rather than measured
    /// without them; "rowgroup-N" the rows per row group, so a run never measures a table written with another layout.
    /// </summary>
    public string CacheKey => $"trades-{Trades}-symbols-{Symbols}-days-{Days}-flush-{FlushTrades}-seed-{Seed}-bars-1m-rowgroup-{RowGroupRows}";

    public static QueryBenchOptions Parse(string[] args)
    {
        int trades = DefaultTrades, symbols = DefaultSymbols, days = DefaultDays, flush = DefaultFlushTrades, seed = SkewedFlowSeed, concurrency = DefaultConcurrency;
        TimeSpan warmUp = DefaultWarmUp, duration = DefaultDuration;
        var quick = false;
        var duckDbThreads = DefaultDuckDbThreads;
        int? duckDbConnections = null;
        var duckDbFileCache = false;
        var rowGroupRows = DefaultRowGroupRows;
        var queries = new List<QueryKind>();
        HashSet<string>? targets = null;
        var root = Directory.GetCurrentDirectory();
        var output = Path.Combine(root, "bench", "results");
        var cache = Path.Combine(root, "bench", ".cache", "query");
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick":
                    quick = true;
                    trades = QuickTrades;
                    warmUp = QuickWarmUp;
                    duration = QuickDuration;
                    break;
                case "--trades": trades = Int(args[++i]); break;
                case "--symbols": symbols = Int(args[++i]); break;
                case "--days": days = Int(args[++i]); break;
                case "--flush-trades": flush = Int(args[++i]); break;
                case "--seed": seed = Int(args[++i]); break;
                case "--concurrency": concurrency = Int(args[++i]); break;
                case "--warmup": warmUp = TimeSpan.FromSeconds(Int(args[++i])); break;
                case "--duration": duration = TimeSpan.FromSeconds(Int(args[++i])); break;
                case "--query": queries.Add(Enum.Parse<QueryKind>(args[++i], ignoreCase: true)); break;
                case "--target": (targets ??= new(StringComparer.OrdinalIgnoreCase)).Add(args[++i]); break;
                case "--cache": cache = Path.GetFullPath(args[++i]); break;
                case "--out": output = Path.GetFullPath(args[++i]); break;
                case "--duckdb-threads": duckDbThreads = Int(args[++i]); break;
                case "--duckdb-connections": duckDbConnections = Int(args[++i]); break;
                case "--duckdb-file-cache": duckDbFileCache = true; break;
                case "--row-group-rows": rowGroupRows = Int(args[++i]); break;
                default:
                    throw new ArgumentException(
                        $"Unknown argument '{args[i]}'. Use --quick | --trades N | --symbols M | --days D | --flush-trades F | --seed S | --concurrency C | --warmup SECONDS | --duration SECONDS | --query KIND | --target api|duckdb | --cache DIR | --out DIR | --duckdb-threads N | --duckdb-connections N | --duckdb-file-cache | --row-group-rows R.");
            }
        }

        var postgres = Environment.GetEnvironmentVariable("K2_BENCH_POSTGRES")
            ?? throw new InvalidOperationException("K2_BENCH_POSTGRES is not set; run bench/run-query.sh, which starts a throwaway PostgreSQL.");
        return new QueryBenchOptions(trades, symbols, days, flush, seed, concurrency, warmUp, duration, postgres, cache, output, root)
        {
            Quick = quick,
            Queries = queries.Count == 0 ? Enum.GetValues<QueryKind>() : queries,
            Targets = targets,
            DuckDbThreads = duckDbThreads,
            DuckDbConnections = duckDbConnections,
            DuckDbFileCache = duckDbFileCache,
            RowGroupRows = rowGroupRows,
        };
    }

    private const int SkewedFlowSeed = K2.IngestBench.SkewedFlow.DefaultSeed;

    private static readonly int DefaultRowGroupRows = new K2.Lakehouse.Configuration.LakehouseOptions().RowGroupRows;

    private static int Int(string text) => int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
}

using System.ComponentModel.DataAnnotations;

namespace K2.Api.Query;

/// <summary>Limits of history queries and of the DuckDB engine that serves them. Bound from <c>K2:Query</c>.</summary>
public sealed class QueryOptions
{
    public const string SectionName = "K2:Query";

    /// <summary>Rows (or candles) per page when the request names no <c>limit</c>.</summary>
    [Range(1, int.MaxValue)]
    public int DefaultLimit { get; set; } = 100;

    /// <summary>The largest <c>limit</c> a request may ask for; above it the request is a 400, never a silent clamp.</summary>
    [Range(1, int.MaxValue)]
    public int MaxLimit { get; set; } = 10_000;

    /// <summary>Row cap of one <c>POST /v1/trades/query</c> answer; the rows are held in memory while they are written.</summary>
    [Range(1, int.MaxValue)]
    public int MaxExportRows { get; set; } = 100_000;

    /// <summary>Symbols one <c>POST /v1/trades/query</c> may name.</summary>
    [Range(1, 10_000)]
    public int MaxExportSymbols { get; set; } = 100;

    /// <summary>
    /// Serve a newest-first trades page from the symbol grain alone when its hot trades provably settle it (docs/api.md,
    /// "Hot-only pages"). The proof assumes the symbol grains' flushes are the only writer of the trades table; turn it
    /// off where anything else appends trades to it.
    /// </summary>
    public bool HotOnlyPages { get; set; } = true;

    /// <summary>Wall-clock budget of one history query (catalog, planning and DuckDB); beyond it the answer is a 504.</summary>
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>DuckDB connections, i.e. history queries that run at once; more wait for a free one.</summary>
    [Range(1, 1024)]
    public int MaxConnections { get; set; } = 4;

    /// <summary>
    /// DuckDB threads per connection; 0 lets each use every core. One by default: the pool already runs
    /// <see cref="MaxConnections"/> queries at once, and a second thread per connection measured 25–35 % more CPU per
    /// one-minute range read (docs/benchmarks.md, "One-minute range"); raise it where cores outnumber connections.
    /// </summary>
    [Range(0, 1024)]
    public int Threads { get; set; } = 1;

    /// <summary>
    /// Data files per DuckDB connection whose parsed Parquet footers the connection keeps between queries; 0 (the
    /// default) keeps none. A cached footer spares a query reading and decoding the file's footer and row-group
    /// statistics, and each costs about 0.4 MB of the API's memory (K2's trade files at 8,192-row groups, measured).
    /// Measured over the benchmark's 82 files: the one-minute range run alone served a median 13 % more requests per
    /// second with it, but in runs of all five queries the range was 6–18 % slower, <c>asOf</c> 31–39 % faster and a day
    /// of OHLCV, whose 164 files fill a bound of 128, 18–20 % slower (docs/benchmarks.md, "One-minute range, session 15").
    /// A connection whose cache is full reads other files without caching them until <see cref="FooterCacheRefresh"/>
    /// has passed, then is replaced.
    /// </summary>
    [Range(0, 1_000_000)]
    public int FooterCacheFiles { get; set; }

    /// <summary>
    /// The least time a connection with a full footer cache serves before a fresh one replaces it, so the cache follows
    /// the files queries read now. Replacing a full connection after every query made a day of OHLCV (164 files, over
    /// a bound of 128) 2.8 times slower (docs/benchmarks.md, "One-minute range, session 15").
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan FooterCacheRefresh { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Keep the Parquet bytes a DuckDB connection reads in its buffer pool (DuckDB's external file cache), up to
    /// <see cref="MemoryLimit"/> per connection. Off by default: DuckDB reads local paths only (a blob container through
    /// its mount), which the operating system's page cache already holds. Measured over the benchmark's table, the
    /// second copy nearly doubled the API's peak RSS (1,623–1,637 against 860–877 MiB under all five queries) and
    /// cost one-minute ranges run alone a quarter of their requests per second in three of five pairs (3–14 % more
    /// DuckDB CPU per range read), while a day of OHLCV was 20–22 % faster with it (docs/benchmarks.md, "One-minute range, session 16"). Turn it on where the mount caches nothing
    /// and reads go to the network, with the memory to hold it.
    /// </summary>
    public bool FileDataCache { get; set; }

    /// <summary>DuckDB memory limit per connection, in DuckDB syntax; a query beyond it fails instead of swapping.</summary>
    [Required]
    public string MemoryLimit { get; set; } = "4GB";

    /// <summary>
    /// Base64 key (at least 32 bytes) that signs pagination cursors. Empty: a random key per process, so cursors
    /// only work against the API instance that issued them; set one shared key when several instances serve traffic.
    /// </summary>
    public string CursorSigningKey { get; set; } = string.Empty;
}

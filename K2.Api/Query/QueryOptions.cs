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

    /// <summary>DuckDB memory limit per connection, in DuckDB syntax; a query beyond it fails instead of swapping.</summary>
    [Required]
    public string MemoryLimit { get; set; } = "4GB";

    /// <summary>
    /// Base64 key (at least 32 bytes) that signs pagination cursors. Empty: a random key per process, so cursors
    /// only work against the API instance that issued them; set one shared key when several instances serve traffic.
    /// </summary>
    public string CursorSigningKey { get; set; } = string.Empty;
}

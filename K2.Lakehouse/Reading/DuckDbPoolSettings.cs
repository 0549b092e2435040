namespace K2.Lakehouse.Reading;

/// <summary>
/// Limits of the query-side DuckDB pool: how many connections (and so concurrent queries) at most, and the thread
/// and memory limits each connection is opened with. The host binds these from its own configuration.
/// </summary>
/// <param name="MaxConnections">Concurrent queries; a further query waits for a free connection.</param>
/// <param name="Threads">DuckDB threads per connection; 0 lets DuckDB use every core.</param>
/// <param name="MemoryLimit">DuckDB memory limit per connection in DuckDB syntax (e.g. <c>4GB</c>); empty keeps DuckDB's default.</param>
/// <param name="FooterCacheFiles">
/// Files whose parsed Parquet footers a connection keeps between queries (DuckDB's <c>parquet_metadata_cache</c>);
/// 0 keeps none. See <see cref="DuckDbConnectionPool"/> for how the bound holds.
/// </param>
/// <param name="FooterCacheRefresh">
/// The least time a connection whose footer cache is full serves before it is replaced by a fresh one, which caches
/// what is read now: how often a full cache can follow the files queries read, at the price of one connection start.
/// </param>
/// <param name="FileDataCache">
/// Whether a connection keeps the file bytes it reads in its buffer pool (DuckDB's external file cache); off, the
/// operating system's page cache serves repeated reads.
/// </param>
public sealed record DuckDbPoolSettings(
    int MaxConnections,
    int Threads,
    string MemoryLimit,
    int FooterCacheFiles = 0,
    TimeSpan FooterCacheRefresh = default,
    bool FileDataCache = false);

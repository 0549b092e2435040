namespace K2.Lakehouse.Reading;

/// <summary>
/// Limits of the query-side DuckDB pool: how many connections (and so concurrent queries) at most, and the thread
/// and memory limits each connection is opened with. The host binds these from its own configuration.
/// </summary>
/// <param name="MaxConnections">Concurrent queries; a further query waits for a free connection.</param>
/// <param name="Threads">DuckDB threads per connection; 0 lets DuckDB use every core.</param>
/// <param name="MemoryLimit">DuckDB memory limit per connection in DuckDB syntax (e.g. <c>4GB</c>); empty keeps DuckDB's default.</param>
public sealed record DuckDbPoolSettings(int MaxConnections, int Threads, string MemoryLimit);

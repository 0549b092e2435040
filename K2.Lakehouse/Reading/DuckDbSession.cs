using DuckDB.NET.Data;
using K2.Lakehouse.Configuration;

namespace K2.Lakehouse.Reading;

/// <summary>
/// An in-memory DuckDB connection set up for reading the warehouse: no extension downloads (the machine may be
/// offline; Parquet support is built in), the configured thread and memory limits, and a UTC session time zone.
/// Settings go through the connection string, not SQL text, except those that need an extension loaded first.
/// </summary>
/// <remarks>
/// DuckDB's external file cache is off unless asked for: K2's query engine only ever reads local paths (a blob
/// container through its mount, see <c>AzureBlobWarehouseStorage</c>), whose bytes the operating system's page cache
/// already holds; the second copy in DuckDB's buffer pool nearly doubled the API's peak RSS and cost one-minute range
/// reads CPU (docs/benchmarks.md, "One-minute range, session 16").
/// </remarks>
internal static class DuckDbSession
{
    public static Task<DuckDBConnection> OpenAsync(LakehouseOptions options, CancellationToken cancellationToken) =>
        OpenAsync(options.DuckDbThreads, options.DuckDbMemoryLimit, cacheFooters: false, cacheFileData: false, cancellationToken);

    /// <summary>
    /// As above with explicit limits: <paramref name="threads"/> 0 and an empty memory limit keep DuckDB's defaults.
    /// With <paramref name="cacheFooters"/> the connection keeps every Parquet footer it parses (DuckDB's
    /// <c>parquet_metadata_cache</c>), without a bound of its own: the caller bounds what it reads
    /// (<see cref="DuckDbConnectionPool"/>). With <paramref name="cacheFileData"/> DuckDB keeps the file bytes it reads in
    /// its buffer pool (its external file cache), within the memory limit.
    /// </summary>
    public static async Task<DuckDBConnection> OpenAsync(int threads, string memoryLimit, bool cacheFooters, bool cacheFileData, CancellationToken cancellationToken)
    {
        var settings = new DuckDBConnectionStringBuilder { DataSource = ":memory:" };
        settings["autoinstall_known_extensions"] = "false";
        settings["enable_external_file_cache"] = cacheFileData ? "true" : "false";
        if (threads > 0)
        {
            settings["threads"] = threads;
        }

        if (!string.IsNullOrWhiteSpace(memoryLimit))
        {
            settings["memory_limit"] = memoryLimit;
        }

        var connection = new DuckDBConnection(settings.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            // The time zone cannot be set in the connection string: it needs the ICU extension, which loads on use.
            await using var command = connection.CreateCommand();
            command.CommandText = "SET TimeZone = 'UTC'";
            await command.ExecuteNonQueryAsync(cancellationToken);
            if (cacheFooters)
            {
                // The setting belongs to the Parquet extension, which is built in but only loaded on first use.
                command.CommandText = "LOAD parquet; SET parquet_metadata_cache = true";
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }
}

using System.Globalization;
using DuckDB.NET.Data;
using K2.Lakehouse.Reading;
using Microsoft.Extensions.Time.Testing;

namespace K2.Api.Tests.Query;

public sealed class DuckDbConnectionPoolTests : IDisposable
{
    private readonly string _files = Directory.CreateTempSubdirectory("k2-duckdb-pool-").FullName;

    public void Dispose() => Directory.Delete(_files, recursive: true);

    [Fact]
    public async Task Connections_are_opened_with_the_configured_threads_and_memory_limit()
    {
        await using var pool = new DuckDbConnectionPool(new DuckDbPoolSettings(MaxConnections: 1, Threads: 1, MemoryLimit: "256MB"));
        await using var lease = await pool.RentAsync(CancellationToken.None);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = "SELECT current_setting('threads')::VARCHAR || '|' || current_setting('memory_limit')";

        Assert.Equal("1|244.1 MiB", await command.ExecuteScalarAsync());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Connections_keep_read_file_bytes_in_DuckDB_only_when_asked(bool fileDataCache)
    {
        var files = await ParquetFilesAsync(1);
        await using var pool = new DuckDbConnectionPool(new DuckDbPoolSettings(MaxConnections: 1, Threads: 1, MemoryLimit: string.Empty, FileDataCache: fileDataCache));
        await using var lease = await pool.RentAsync(CancellationToken.None);
        await CountAsync(lease.Connection, files);

        Assert.Equal(fileDataCache, await SettingOnAsync(lease.Connection, "enable_external_file_cache"));
        Assert.Equal(fileDataCache, await CachedBytesAsync(lease.Connection, "EXTERNAL_FILE_CACHE") > 0);
    }

    [Fact]
    public async Task A_query_beyond_the_pool_size_waits_for_a_returned_connection_and_reuses_it()
    {
        await using var pool = OneConnection();
        var first = await pool.RentAsync(CancellationToken.None);
        var connection = first.Connection;

        var second = pool.RentAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);
        await first.DisposeAsync();
        await using var lease = await second;

        Assert.Same(connection, lease.Connection);
    }

    [Fact]
    public async Task Renting_now_gives_nothing_while_every_connection_is_busy()
    {
        await using var pool = OneConnection();
        var held = await pool.RentAsync(CancellationToken.None);

        Assert.Null(await pool.TryRentNowAsync(CancellationToken.None));
        await held.DisposeAsync();
        await using var now = await pool.TryRentNowAsync(CancellationToken.None);
        Assert.NotNull(now);
    }

    [Fact]
    public async Task Waiting_for_a_connection_is_cancellable()
    {
        await using var pool = OneConnection();
        await using var held = await pool.RentAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = pool.RentAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task A_pool_that_caches_footers_keeps_what_its_queries_parse_and_one_that_does_not_keeps_nothing()
    {
        var files = await ParquetFilesAsync(2);
        await using var caching = OneConnection(footerCacheFiles: 10);
        await using var plain = OneConnection();

        await using var cached = await caching.RentAsync(CancellationToken.None);
        await using var uncached = await plain.RentAsync(CancellationToken.None);
        await cached.ReadingAsync(files, CancellationToken.None);
        await uncached.ReadingAsync(files, CancellationToken.None);

        Assert.Equal(2 * RowsPerFile, await CountAsync(cached.Connection, files));
        Assert.Equal(2 * RowsPerFile, await CountAsync(uncached.Connection, files));
        Assert.True(await FooterCacheOnAsync(cached.Connection));
        Assert.False(await FooterCacheOnAsync(uncached.Connection));
        // Without the footer cache DuckDB still keeps a small entry per file it has opened (~80 bytes here); the footers
        // of these files are ~4.7 KB each by DuckDB's own estimate.
        Assert.True(await CachedObjectBytesAsync(cached.Connection) > 10 * await CachedObjectBytesAsync(uncached.Connection));
    }

    [Fact]
    public async Task A_connection_whose_leases_stay_within_the_bound_is_reused_with_its_cache()
    {
        var files = await ParquetFilesAsync(3);
        await using var pool = OneConnection(footerCacheFiles: 3);

        DuckDBConnection first;
        await using (var lease = await pool.RentAsync(CancellationToken.None))
        {
            first = lease.Connection;
            await lease.ReadingAsync(files[..2], CancellationToken.None);
            await CountAsync(lease.Connection, files[..2]);
        }

        await using (var lease = await pool.RentAsync(CancellationToken.None))
        {
            // Two files seen before and one new: three in all, the bound.
            await lease.ReadingAsync(files[1..], CancellationToken.None);
            Assert.Equal(2 * RowsPerFile, await CountAsync(lease.Connection, files[1..]));
            Assert.Same(first, lease.Connection);
            Assert.True(await FooterCacheOnAsync(lease.Connection));
        }

        await using var again = await pool.RentAsync(CancellationToken.None);
        Assert.Same(first, again.Connection);
    }

    [Fact]
    public async Task A_lease_past_the_bound_reads_without_caching_and_the_full_connection_keeps_serving_its_footers()
    {
        var files = await ParquetFilesAsync(3);
        var time = new FakeTimeProvider();
        await using var pool = OneConnection(footerCacheFiles: 2, time);

        DuckDBConnection full;
        long twoFooters;
        await using (var lease = await pool.RentAsync(CancellationToken.None))
        {
            full = lease.Connection;
            await lease.ReadingAsync(files[..2], CancellationToken.None);
            await CountAsync(lease.Connection, files[..2]);
            twoFooters = await CachedObjectBytesAsync(lease.Connection);
            await lease.ReadingAsync(files, CancellationToken.None);

            Assert.False(await FooterCacheOnAsync(lease.Connection));
            Assert.Equal(3 * RowsPerFile, await CountAsync(lease.Connection, files));
        }

        await using (var lease = await pool.RentAsync(CancellationToken.None))
        {
            // Younger than the refresh age: the same connection, caching again, with no third footer kept.
            Assert.Same(full, lease.Connection);
            Assert.True(await FooterCacheOnAsync(lease.Connection));
            Assert.True(await CachedObjectBytesAsync(lease.Connection) - twoFooters < twoFooters / 8, "no footer was kept past the bound");
            await lease.ReadingAsync(files[..2], CancellationToken.None);
            Assert.True(await FooterCacheOnAsync(lease.Connection));
            await lease.ReadingAsync(files[2..], CancellationToken.None);
            Assert.False(await FooterCacheOnAsync(lease.Connection));
        }
    }

    [Fact]
    public async Task A_full_connection_is_replaced_once_it_has_served_the_refresh_age()
    {
        var files = await ParquetFilesAsync(2);
        var time = new FakeTimeProvider();
        await using var pool = OneConnection(footerCacheFiles: 1, time);

        DuckDBConnection full;
        await using (var lease = await pool.RentAsync(CancellationToken.None))
        {
            full = lease.Connection;
            await lease.ReadingAsync(files, CancellationToken.None);
            await CountAsync(lease.Connection, files);
            time.Advance(FooterCacheRefresh);
        }

        await using var fresh = await pool.RentAsync(CancellationToken.None);
        Assert.NotSame(full, fresh.Connection);
        Assert.True(await FooterCacheOnAsync(fresh.Connection));
    }

    private const int RowsPerFile = 1_000;

    private static readonly TimeSpan FooterCacheRefresh = TimeSpan.FromMinutes(1);

    // One connection at DuckDB's default memory limit; full footer caches are replaced after FooterCacheRefresh on time.
    private static DuckDbConnectionPool OneConnection(int footerCacheFiles = 0, TimeProvider? time = null) =>
        new(new DuckDbPoolSettings(MaxConnections: 1, Threads: 1, MemoryLimit: string.Empty, footerCacheFiles, FooterCacheRefresh), time);

    private async Task<string[]> ParquetFilesAsync(int count)
    {
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync();
        var files = new string[count];
        for (var i = 0; i < count; i++)
        {
            files[i] = Path.Combine(_files, $"part-{i.ToString(CultureInfo.InvariantCulture)}.parquet");
            await using var command = connection.CreateCommand();
            command.CommandText = $"COPY (SELECT range AS id, range % 7 AS bucket FROM range({RowsPerFile.ToString(CultureInfo.InvariantCulture)})) TO '{files[i]}' (FORMAT parquet, ROW_GROUP_SIZE 100)";
            await command.ExecuteNonQueryAsync();
        }

        return files;
    }

    private static async Task<long> CountAsync(DuckDBConnection connection, string[] files)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM read_parquet($files) WHERE bucket >= 0";
        command.Parameters.Add(new DuckDBParameter("files", files));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static Task<bool> FooterCacheOnAsync(DuckDBConnection connection) => SettingOnAsync(connection, "parquet_metadata_cache");

    // What DuckDB's object cache (where parsed footers go) holds, by its own estimate.
    private static Task<long> CachedObjectBytesAsync(DuckDBConnection connection) => CachedBytesAsync(connection, "OBJECT_CACHE");

    // A boolean DuckDB setting; the name is one of this file's constants, as current_setting takes no parameter.
    private static async Task<bool> SettingOnAsync(DuckDBConnection connection, string setting)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT current_setting('{setting}')";
        return (bool)(await command.ExecuteScalarAsync())!;
    }

    // What DuckDB's memory of one kind (duckdb_memory()'s tag) holds, by its own estimate.
    private static async Task<long> CachedBytesAsync(DuckDBConnection connection, string tag)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(sum(memory_usage_bytes), 0)::BIGINT FROM duckdb_memory() WHERE tag = $tag";
        command.Parameters.Add(new DuckDBParameter("tag", tag));
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

using System.Collections.Concurrent;
using System.Data;
using DuckDB.NET.Data;

namespace K2.Lakehouse.Reading;

/// <summary>
/// A bounded pool of in-memory DuckDB connections for queries. The bound is what keeps a burst of requests from
/// opening one DuckDB instance (with its own memory limit) per request; reusing connections saves their start-up.
/// A connection that is no longer open (a failed query can leave it so) is dropped instead of returned.
/// </summary>
/// <remarks>
/// With <see cref="DuckDbPoolSettings.FooterCacheFiles"/> above 0 each connection keeps the Parquet footers it has
/// parsed, so a query over a file read before skips reading and decoding the file's footer and row-group statistics
/// (docs/benchmarks.md, "One-minute range, session 15"). DuckDB weighs those entries against its memory limit but
/// under-estimates them several times over, so the pool keeps the bound itself: a lease names the files it reads
/// (<see cref="Lease.ReadingAsync"/>). Once a connection has cached the bound's worth, a lease that reads any other
/// file runs with the cache off (it parses footers as it would without a cache, and adds none); the connection is
/// replaced by a fresh one when it comes back, but not before it has served
/// <see cref="DuckDbPoolSettings.FooterCacheRefresh"/>: replacing a full one after every lease made a day of OHLCV,
/// whose 164 files outnumbered a bound of 128, 2.8 times slower.
/// </remarks>
public sealed class DuckDbConnectionPool : IAsyncDisposable
{
    private readonly DuckDbPoolSettings _settings;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<PooledConnection> _idle = [];

    public DuckDbConnectionPool(DuckDbPoolSettings settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxConnections, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(settings.FooterCacheFiles);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.FooterCacheRefresh, TimeSpan.Zero);
        _settings = settings;
        _time = time ?? TimeProvider.System;
        _slots = new SemaphoreSlim(settings.MaxConnections, settings.MaxConnections);
    }

    private bool CachesFooters => _settings.FooterCacheFiles > 0;

    /// <summary>Waits for a free slot (cancellable), then hands out an idle connection or opens a new one.</summary>
    public async Task<Lease> RentAsync(CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        return await OpenLeaseAsync(cancellationToken);
    }

    /// <summary>With a slot taken: an idle connection or a new one; the slot is given back if opening fails.</summary>
    private async Task<Lease> OpenLeaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            var pooled = _idle.TryTake(out var idle)
                ? idle
                : new PooledConnection(await DuckDbSession.OpenAsync(_settings.Threads, _settings.MemoryLimit, CachesFooters, _settings.FileDataCache, cancellationToken), _time.GetTimestamp());
            return new Lease(this, pooled);
        }
        catch
        {
            _slots.Release();
            throw;
        }
    }

    /// <summary>A lease only if a connection is free right now, else null (health checks must not queue behind queries).</summary>
    public async Task<Lease?> TryRentNowAsync(CancellationToken cancellationToken)
    {
        if (!_slots.Wait(0, CancellationToken.None))
        {
            return null;
        }

        return await OpenLeaseAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var pooled))
        {
            await pooled.Connection.DisposeAsync();
        }

        _slots.Dispose();
    }

    private async Task NoteReadingAsync(PooledConnection pooled, IEnumerable<string> files, CancellationToken cancellationToken)
    {
        if (!CachesFooters || !pooled.CacheOn)
        {
            return;
        }

        var unseen = files.Where(file => !pooled.FilesRead.Contains(file)).Distinct(StringComparer.Ordinal).ToList();
        if (pooled.FilesRead.Count + unseen.Count <= _settings.FooterCacheFiles)
        {
            pooled.FilesRead.UnionWith(unseen);
            return;
        }

        // Past the bound: the rest of this lease reads without caching, and the connection counts as full.
        await SetFooterCacheAsync(pooled, on: false, cancellationToken);
        pooled.Full = true;
    }

    private async ValueTask ReturnAsync(PooledConnection pooled)
    {
        try
        {
            if (pooled.Connection.State != ConnectionState.Open || (pooled.Full && _time.GetElapsedTime(pooled.OpenedAt) >= _settings.FooterCacheRefresh))
            {
                await pooled.Connection.DisposeAsync();
                return;
            }

            if (!pooled.CacheOn)
            {
                // The footers it holds stay within the bound and serve the next leases that read only them.
                await SetFooterCacheAsync(pooled, on: true, CancellationToken.None);
            }

            _idle.Add(pooled);
        }
        catch (DuckDBException)
        {
            // A connection that cannot take a setting is not fit to hand out again; the next lease opens a new one.
            await pooled.Connection.DisposeAsync();
        }
        finally
        {
            _slots.Release();
        }
    }

    private static async Task SetFooterCacheAsync(PooledConnection pooled, bool on, CancellationToken cancellationToken)
    {
        await using var command = pooled.Connection.CreateCommand();
        command.CommandText = on ? "SET parquet_metadata_cache = true" : "SET parquet_metadata_cache = false";
        await command.ExecuteNonQueryAsync(cancellationToken);
        pooled.CacheOn = on;
    }

    /// <summary>A connection, when it was opened, and the files whose footers it may have kept.</summary>
    internal sealed class PooledConnection(DuckDBConnection connection, long openedAt)
    {
        public DuckDBConnection Connection { get; } = connection;

        public long OpenedAt { get; } = openedAt;

        public HashSet<string> FilesRead { get; } = new(StringComparer.Ordinal);

        /// <summary>Whether DuckDB caches footers now: off for the rest of a lease that read past the bound.</summary>
        public bool CacheOn { get; set; } = true;

        /// <summary>A lease wanted more files than the bound: the connection is replaced once it is old enough.</summary>
        public bool Full { get; set; }
    }

    /// <summary>One rented connection; disposing returns it to the pool.</summary>
    public sealed class Lease : IAsyncDisposable
    {
        private readonly DuckDbConnectionPool _pool;
        private readonly PooledConnection _pooled;
        private bool _returned;

        internal Lease(DuckDbConnectionPool pool, PooledConnection pooled)
        {
            _pool = pool;
            _pooled = pooled;
        }

        public DuckDBConnection Connection => _pooled.Connection;

        /// <summary>
        /// Names the files (as the query engine sees them) the next query reads, before it runs: how the pool keeps the
        /// footer cache within its bound. Every query over Parquet files on a pooled connection must call it.
        /// </summary>
        public Task ReadingAsync(IEnumerable<string> files, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(files);
            return _pool.NoteReadingAsync(_pooled, files, cancellationToken);
        }

        public ValueTask DisposeAsync()
        {
            if (_returned)
            {
                return ValueTask.CompletedTask;
            }

            _returned = true;
            return _pool.ReturnAsync(_pooled);
        }
    }
}

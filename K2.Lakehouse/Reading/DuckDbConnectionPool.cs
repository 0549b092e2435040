using System.Collections.Concurrent;
using System.Data;
using DuckDB.NET.Data;

namespace K2.Lakehouse.Reading;

/// <summary>
/// A bounded pool of in-memory DuckDB connections for queries. The bound is what keeps a burst of requests from
/// opening one DuckDB instance (with its own memory limit) per request; reusing connections saves their start-up.
/// A connection that is no longer open (a failed query can leave it so) is dropped instead of returned.
/// </summary>
public sealed class DuckDbConnectionPool : IAsyncDisposable
{
    private readonly DuckDbPoolSettings _settings;
    private readonly SemaphoreSlim _slots;
    private readonly ConcurrentBag<DuckDBConnection> _idle = [];

    public DuckDbConnectionPool(DuckDbPoolSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxConnections, 1);
        _settings = settings;
        _slots = new SemaphoreSlim(settings.MaxConnections, settings.MaxConnections);
    }

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
            var connection = _idle.TryTake(out var idle) ? idle : await DuckDbSession.OpenAsync(_settings.Threads, _settings.MemoryLimit, cancellationToken);
            return new Lease(this, connection);
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
        while (_idle.TryTake(out var connection))
        {
            await connection.DisposeAsync();
        }

        _slots.Dispose();
    }

    private async ValueTask ReturnAsync(DuckDBConnection connection)
    {
        try
        {
            if (connection.State == ConnectionState.Open)
            {
                _idle.Add(connection);
            }
            else
            {
                await connection.DisposeAsync();
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    /// <summary>One rented connection; disposing returns it to the pool.</summary>
    public sealed class Lease : IAsyncDisposable
    {
        private readonly DuckDbConnectionPool _pool;
        private bool _returned;

        internal Lease(DuckDbConnectionPool pool, DuckDBConnection connection)
        {
            _pool = pool;
            Connection = connection;
        }

        public DuckDBConnection Connection { get; }

        public ValueTask DisposeAsync()
        {
            if (_returned)
            {
                return ValueTask.CompletedTask;
            }

            _returned = true;
            return _pool.ReturnAsync(Connection);
        }
    }
}

using K2.Lakehouse.Reading;

namespace K2.Api.Tests.Query;

public sealed class DuckDbConnectionPoolTests
{
    [Fact]
    public async Task Connections_are_opened_with_the_configured_threads_and_memory_limit()
    {
        await using var pool = new DuckDbConnectionPool(new DuckDbPoolSettings(MaxConnections: 1, Threads: 1, MemoryLimit: "256MB"));
        await using var lease = await pool.RentAsync(CancellationToken.None);
        await using var command = lease.Connection.CreateCommand();
        command.CommandText = "SELECT current_setting('threads')::VARCHAR || '|' || current_setting('memory_limit')";

        Assert.Equal("1|244.1 MiB", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task A_query_beyond_the_pool_size_waits_for_a_returned_connection_and_reuses_it()
    {
        await using var pool = new DuckDbConnectionPool(new DuckDbPoolSettings(MaxConnections: 1, Threads: 1, MemoryLimit: string.Empty));
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
        await using var pool = new DuckDbConnectionPool(new DuckDbPoolSettings(MaxConnections: 1, Threads: 1, MemoryLimit: string.Empty));
        var held = await pool.RentAsync(CancellationToken.None);

        Assert.Null(await pool.TryRentNowAsync(CancellationToken.None));
        await held.DisposeAsync();
        await using var now = await pool.TryRentNowAsync(CancellationToken.None);
        Assert.NotNull(now);
    }

    [Fact]
    public async Task Waiting_for_a_connection_is_cancellable()
    {
        await using var pool = new DuckDbConnectionPool(new DuckDbPoolSettings(MaxConnections: 1, Threads: 1, MemoryLimit: string.Empty));
        await using var held = await pool.RentAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = pool.RentAsync(cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}

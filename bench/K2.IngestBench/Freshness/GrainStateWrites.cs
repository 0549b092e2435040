using Npgsql;

namespace K2.IngestBench.Freshness;

/// <summary>
/// What the database was asked to write while the freshness load ran: grain state rows written (inserts and updates
/// of <c>orleans_grain_state</c>, from <c>pg_stat_user_tables</c>) and the write-ahead log it produced (every row,
/// TOAST chunk and index entry passes through it). Cumulative counters read at the start and the end of the window.
/// </summary>
internal sealed record GrainStateWrites(long Rows, long WalBytes)
{
    public static async Task<Mark> MarkAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();

        // Table statistics reach the shared counters when a backend's transaction ends (at most once a second):
        // both marks lag by as much, so the window is shifted, not shortened.
        await using var command = new NpgsqlCommand(
            """
            SELECT coalesce((SELECT n_tup_ins + n_tup_upd FROM pg_stat_user_tables WHERE relname = 'orleans_grain_state'), 0),
                   pg_wal_lsn_diff(pg_current_wal_lsn(), '0/0')::bigint
            """,
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return new Mark(reader.GetInt64(0), reader.GetInt64(1));
    }

    public double WalBytesPerRow => Rows == 0 ? 0 : WalBytes / (double)Rows;

    public readonly record struct Mark(long Rows, long WalBytes)
    {
        public GrainStateWrites Since(Mark start) => new(Rows - start.Rows, WalBytes - start.WalBytes);
    }
}

using System.Globalization;
using Npgsql;

namespace K2.IngestBench.Freshness;

/// <summary>
/// What the database did while the freshness load ran: grain state rows written (inserts and updates of
/// <c>orleans_grain_state</c>, from <c>pg_stat_user_tables</c>), the write-ahead log it produced (every row, TOAST chunk
/// and index entry passes through it), and the CPU time of its processes (Linux <c>/proc</c>; null elsewhere).
/// Cumulative counters read at the start and the end of the window.
/// </summary>
internal sealed record PostgresActivity(long Rows, long WalBytes, double? CpuSeconds)
{
    private const string ProcessName = "postgres";

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
        return new Mark(reader.GetInt64(0), reader.GetInt64(1), CpuSecondsOfServer());
    }

    public double WalBytesPerRow => Rows == 0 ? 0 : WalBytes / (double)Rows;

    /// <summary>
    /// User and system time of every process named postgres, in seconds (clock ticks at Linux's usual 100 Hz). The
    /// benchmark's server runs only its own databases; backends that exit between the marks are not counted, and
    /// connection pools keep theirs for the whole window.
    /// </summary>
    private static double? CpuSecondsOfServer()
    {
        const double TicksPerSecond = 100;
        if (!Directory.Exists("/proc/self"))
        {
            return null;
        }

        long ticks = 0;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            try
            {
                var stat = File.ReadAllText(Path.Combine(directory, "stat"));

                // pid (comm) state ...: the name is in parentheses and may hold spaces; utime and stime are fields 14-15.
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < open || stat[(open + 1)..close] != ProcessName)
                {
                    continue;
                }

                var fields = stat[(close + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Not a process, or one that exited while it was read.
            }
        }

        return ticks / TicksPerSecond;
    }

    public readonly record struct Mark(long Rows, long WalBytes, double? CpuSeconds)
    {
        public PostgresActivity Since(Mark start) => new(Rows - start.Rows, WalBytes - start.WalBytes, CpuSeconds - start.CpuSeconds);
    }
}

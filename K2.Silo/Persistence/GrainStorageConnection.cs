using System.Data.Common;
using Npgsql;

namespace K2.Silo.Persistence;

/// <summary>
/// The connection string the symbol grain storage uses: the database's, with Npgsql's automatic preparation of
/// statements on unless the string sets it. The storage runs the same few statements (read, write, clear) for every
/// grain, and a flush writes one state per fed symbol: planning the write each time was ~8 % of PostgreSQL's time
/// after a flush start, and prepared, <c>pgbench</c> wrote 8–10 % more states per second; the ingest benchmark, where
/// PostgreSQL uses an eighth of a core, showed no difference (docs/benchmarks.md, "Session 12 (lead)" and "Session 13
/// (lead)").
/// </summary>
public static class GrainStorageConnection
{
    /// <summary>
    /// Statements kept prepared per physical connection of the storage's own pool (its string differs from the
    /// clustering's, so the pools are apart): its four (read, write, clear, delete) with room to spare.
    /// </summary>
    public const int MaxAutoPrepare = 16;

    /// <summary><paramref name="connectionString"/> with automatic preparation on, unless it sets it (0 turns it off).</summary>
    public static string For(string connectionString)
    {
        // Npgsql's builder answers every keyword it knows as present; the base builder holds only what the string says.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(IsMaxAutoPrepare))
        {
            return connectionString;
        }

        return new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = MaxAutoPrepare }.ConnectionString;
    }

    // "Max Auto Prepare" or "MaxAutoPrepare", in any case.
    private static bool IsMaxAutoPrepare(string keyword) =>
        string.Equals(keyword.Replace(" ", string.Empty, StringComparison.Ordinal), nameof(NpgsqlConnectionStringBuilder.MaxAutoPrepare), StringComparison.OrdinalIgnoreCase);
}

using System.Data.Common;
using System.Text;
using DuckDB.NET.Data;

namespace K2.Lakehouse.Reading;

/// <summary>
/// Per-symbol statistics of the trades table, and the count of one symbol's rows that the hot/cold seam hands to
/// the hot side (so a listing that adds hot trades counts each trade once).
/// </summary>
internal static class SymbolStatsSql
{
    public static DuckDBCommand Stats(DuckDBConnection connection, IReadOnlyList<string> files, string? exchange)
    {
        var command = connection.CreateCommand();
        HistorySql.AddFiles(command, files);
        var sql = new StringBuilder(
            $"SELECT exchange, symbol, min({HistorySql.TimestampKey}), max({HistorySql.TimestampKey}), count(*) " +
            $"FROM {HistorySql.PlannedFiles}");
        if (exchange is not null)
        {
            sql.Append(" WHERE exchange = $exchange");
            command.Parameters.Add(new DuckDBParameter("exchange", exchange));
        }

        sql.Append(" GROUP BY exchange, symbol ORDER BY exchange, symbol");
        command.CommandText = sql.ToString();
        return command;
    }

    public static SymbolStats Read(DbDataReader row) => new(row.GetString(0), row.GetString(1), row.GetInt64(2), row.GetInt64(3), row.GetInt64(4));

    public static DuckDBCommand Shadowed(DuckDBConnection connection, IReadOnlyList<string> files, string exchange, string symbol, ColdSeam seam)
    {
        var command = connection.CreateCommand();
        HistorySql.AddFiles(command, files);
        command.CommandText =
            $"SELECT count(*) FROM {HistorySql.PlannedFiles} " +
            "WHERE exchange = $exchange AND symbol = $symbol AND platform_sequence > $watermark AND list_contains($hot, platform_sequence)";
        command.Parameters.Add(new DuckDBParameter("exchange", exchange));
        command.Parameters.Add(new DuckDBParameter("symbol", symbol));
        command.Parameters.Add(new DuckDBParameter("watermark", seam.FlushedThroughSequence));
        command.Parameters.Add(new DuckDBParameter("hot", seam.HotSequences.ToArray()));
        return command;
    }
}

using System.Text;
using DuckDB.NET.Data;
using K2.Contracts.Model;
using K2.Lakehouse.Scanning;

namespace K2.Lakehouse.Reading;

/// <summary>
/// Builds the DuckDB query over exactly the planned files. Every value is a parameter; only fixed column names
/// appear in the SQL text. Files are read by column name with <c>union_by_name</c>, so files written before a
/// column was added yield NULL for it.
/// </summary>
internal static class MarketDataQuery
{
    public static DuckDBCommand Create(DuckDBConnection connection, string selectList, IReadOnlyList<string> files, ScanFilter filter)
    {
        var sql = new StringBuilder($"SELECT {selectList} FROM {HistorySql.PlannedFiles} WHERE true");
        var command = connection.CreateCommand();
        command.Parameters.Add(new DuckDBParameter("files", files.ToArray()));
        if (filter.Exchange is { } exchange)
        {
            sql.Append(" AND exchange = $exchange");
            command.Parameters.Add(new DuckDBParameter("exchange", exchange));
        }

        if (filter.Symbols is { } symbols)
        {
            sql.Append(" AND list_contains($symbols, symbol)");
            command.Parameters.Add(new DuckDBParameter("symbols", symbols.ToArray()));
        }

        // The session time zone is UTC (see DuckDbSession), so make_timestamp(µs)::TIMESTAMPTZ is that exact instant.
        if (filter.From is { } from)
        {
            sql.Append(" AND \"timestamp\" >= make_timestamp($from_us)::TIMESTAMPTZ");
            command.Parameters.Add(new DuckDBParameter("from_us", UtcMicros.ToMicros(from)));
        }

        if (filter.Until is { } until)
        {
            sql.Append(" AND \"timestamp\" < make_timestamp($until_us)::TIMESTAMPTZ");
            command.Parameters.Add(new DuckDBParameter("until_us", UtcMicros.ToMicros(until)));
        }

        sql.Append(" ORDER BY symbol, \"timestamp\", message_id");
        command.CommandText = sql.ToString();
        return command;
    }
}

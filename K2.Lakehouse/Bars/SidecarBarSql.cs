using DuckDB.NET.Data;

namespace K2.Lakehouse.Bars;

/// <summary>
/// The minute bars of one symbol in a set of bar sidecars, each row named by its file (<c>filename = true</c>) so the
/// bars can be kept per sidecar (<see cref="SidecarBarCache"/>). Sidecar paths hold <c>key=value</c> directories like
/// data files, so hive partitioning stays off.
/// </summary>
internal static class SidecarBarSql
{
    public static DuckDBCommand Bars(DuckDBConnection connection, IReadOnlyList<string> sidecars, string exchange, string symbol)
    {
        var command = connection.CreateCommand();
        command.CommandText =
            "SELECT filename, minute_us, open_price, open_ts_us, open_seq, open_id, high, low, " +
            "close_price, close_ts_us, close_seq, close_id, volume, notional, trade_count, max_seq " +
            "FROM read_parquet($sidecars, hive_partitioning = false, filename = true) WHERE exchange = $exchange AND symbol = $symbol";
        command.Parameters.Add(new DuckDBParameter("sidecars", sidecars.ToArray()));
        command.Parameters.Add(new DuckDBParameter("exchange", exchange));
        command.Parameters.Add(new DuckDBParameter("symbol", symbol));
        return command;
    }
}

using DuckDB.NET.Data;
using K2.Lakehouse.Reading;

namespace K2.Lakehouse.Bars;

/// <summary>
/// Candles of one symbol from bar sidecars: the minute bars in [<c>from</c>, <c>until</c>) merged into epoch-aligned
/// buckets of a width that is a whole number of minutes, with the raw query's rules (open and close are the minimum
/// and maximum (timestamp, sequence, id, price) struct, exact decimal sums), so the rows read like
/// <see cref="CandleSql"/>'s. Sidecar paths hold <c>key=value</c> directories like data files, so hive partitioning
/// stays off.
/// </summary>
internal static class BarCandleSql
{
    private const string Sidecars = "read_parquet($sidecars, hive_partitioning = false)";
    private const string Open = "{'ts': open_ts_us, 'seq': open_seq, 'id': open_id, 'price': open_price}";
    private const string Close = "{'ts': close_ts_us, 'seq': close_seq, 'id': close_id, 'price': close_price}";
    private const string MinuteRange = "exchange = $exchange AND symbol = $symbol AND minute_us >= $from_us AND minute_us < $until_us";

    public static DuckDBCommand Candles(DuckDBConnection connection, IReadOnlyList<string> sidecars, HistoryWindow window, MinuteSpan minutes, long widthMicros)
    {
        var command = Command(connection, sidecars, window, minutes);
        var buckets =
            "SELECT minute_us - ((minute_us % $width + $width) % $width) AS bucket, " +
            $"min({Open}) AS first_trade, max(high) AS high, min(low) AS low, max({Close}) AS last_trade, " +
            "sum(volume) AS volume, sum(notional) AS notional, CAST(sum(trade_count) AS BIGINT) AS trades " +
            $"FROM {Sidecars} WHERE {MinuteRange} GROUP BY bucket";
        command.CommandText =
            "SELECT bucket, first_trade.price, high, low, last_trade.price, volume, notional, trades, " +
            "first_trade.ts, first_trade.seq, first_trade.id, last_trade.ts, last_trade.seq, last_trade.id " +
            $"FROM ({buckets}) ORDER BY bucket {(window.Descending ? "DESC" : "ASC")} LIMIT {HistorySql.Literal(window.Limit)}";
        command.Parameters.Add(new DuckDBParameter("width", widthMicros));
        return command;
    }

    /// <summary>The first minute in the span holding a trade with a platform sequence of at least <paramref name="sequence"/> (NULL if none).</summary>
    public static DuckDBCommand FirstMinuteReaching(DuckDBConnection connection, IReadOnlyList<string> sidecars, HistoryWindow window, MinuteSpan minutes, long sequence)
    {
        var command = Command(connection, sidecars, window, minutes);
        command.CommandText = $"SELECT min(minute_us) FROM {Sidecars} WHERE {MinuteRange} AND max_seq >= $sequence";
        command.Parameters.Add(new DuckDBParameter("sequence", sequence));
        return command;
    }

    private static DuckDBCommand Command(DuckDBConnection connection, IReadOnlyList<string> sidecars, HistoryWindow window, MinuteSpan minutes)
    {
        var command = connection.CreateCommand();
        command.Parameters.Add(new DuckDBParameter("sidecars", sidecars.ToArray()));
        command.Parameters.Add(new DuckDBParameter("exchange", window.Exchange));
        command.Parameters.Add(new DuckDBParameter("symbol", window.Symbol));
        command.Parameters.Add(new DuckDBParameter("from_us", minutes.FromMicros));
        command.Parameters.Add(new DuckDBParameter("until_us", minutes.UntilMicros));
        return command;
    }
}

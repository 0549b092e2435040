using System.Text;
using DuckDB.NET.Data;
using K2.Contracts.Model;

namespace K2.Lakehouse.Reading;

/// <summary>
/// SQL fragments shared by the history queries: one symbol's rows in the planned files, the time range, the seam,
/// the keyset position and the page order. Every value is a parameter; only fixed column names appear in the text.
/// </summary>
internal static class HistorySql
{
    /// <summary>The sort key as SQL, matching <see cref="HistoryKey"/> (no platform sequence sorts as 0).</summary>
    public const string TimestampKey = "epoch_us(\"timestamp\")";

    /// <summary>
    /// The page order's first key: the column itself (it orders exactly as <see cref="TimestampKey"/>), so DuckDB's Top-N
    /// compares the column instead of computing a key for every matching row.
    /// </summary>
    public const string TimestampOrder = "\"timestamp\"";

    public const string SequenceKey = "coalesce(platform_sequence, 0)";

    public static void AddFiles(DuckDBCommand command, IReadOnlyList<string> files) =>
        command.Parameters.Add(new DuckDBParameter("files", files.ToArray()));

    /// <summary>Appends the row predicates of <paramref name="window"/> (everything but order and limit).</summary>
    public static void AppendWhere(StringBuilder sql, DuckDBCommand command, HistoryWindow window, string idColumn)
    {
        sql.Append(" WHERE exchange = $exchange AND symbol = $symbol");
        command.Parameters.Add(new DuckDBParameter("exchange", window.Exchange));
        command.Parameters.Add(new DuckDBParameter("symbol", window.Symbol));

        // The session time zone is UTC (see DuckDbSession), so make_timestamp(µs)::TIMESTAMPTZ is that exact instant.
        if (window.From is { } from)
        {
            sql.Append(" AND \"timestamp\" >= make_timestamp($from_us)::TIMESTAMPTZ");
            command.Parameters.Add(new DuckDBParameter("from_us", UtcMicros.ToMicros(from)));
        }

        if (window.Until is { } until)
        {
            sql.Append(" AND \"timestamp\" < make_timestamp($until_us)::TIMESTAMPTZ");
            command.Parameters.Add(new DuckDBParameter("until_us", UtcMicros.ToMicros(until)));
        }

        AppendBound(sql, command, "price", ">=", "min_price", window.MinPrice);
        AppendBound(sql, command, "price", "<=", "max_price", window.MaxPrice);
        AppendBound(sql, command, "quantity", ">=", "min_quantity", window.MinQuantity);
        AppendBound(sql, command, "quantity", "<=", "max_quantity", window.MaxQuantity);

        if (window.Seam is { HotSequences.Count: > 0 } seam)
        {
            sql.Append(" AND (platform_sequence IS NULL OR platform_sequence <= $watermark OR NOT list_contains($hot, platform_sequence))");
            command.Parameters.Add(new DuckDBParameter("watermark", seam.FlushedThroughSequence));
            command.Parameters.Add(new DuckDBParameter("hot", seam.HotSequences.ToArray()));
        }

        if (window.After is { } after)
        {
            var beyond = window.Descending ? "<" : ">";
            sql.Append($" AND ({TimestampKey} {beyond} $after_ts OR ({TimestampKey} = $after_ts AND ({SequenceKey} {beyond} $after_seq OR ({SequenceKey} = $after_seq AND {idColumn} {beyond} $after_id))))");
            command.Parameters.Add(new DuckDBParameter("after_ts", after.TimestampMicros));
            command.Parameters.Add(new DuckDBParameter("after_seq", after.Sequence));
            command.Parameters.Add(new DuckDBParameter("after_id", after.Id));
        }
    }

    private static void AppendBound(StringBuilder sql, DuckDBCommand command, string column, string comparison, string parameter, decimal? bound)
    {
        if (bound is { } value)
        {
            sql.Append($" AND {column} {comparison} ${parameter}");
            command.Parameters.Add(new DuckDBParameter(parameter, value));
        }
    }

    /// <summary>A page size as SQL text: a positive <c>int</c>, so nothing but digits.</summary>
    public static string Literal(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        return limit.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static void AppendOrderAndLimit(StringBuilder sql, HistoryWindow window, string idColumn, int limit)
    {
        var direction = window.Descending ? "DESC" : "ASC";
        sql.Append($" ORDER BY {TimestampOrder} {direction}, {SequenceKey} {direction}, {idColumn} {direction} LIMIT {Literal(limit)}");
    }
}

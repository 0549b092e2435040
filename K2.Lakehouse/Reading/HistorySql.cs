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

    /// <summary>
    /// The planned files (parameter <c>$files</c>, see <see cref="AddFiles"/>) as a table: columns by name across files
    /// of different schema versions; partition values from the files' own columns, never from <c>key=value</c>
    /// directory names (escaped text for humans, see <c>PartitionPaths</c>).
    /// </summary>
    public const string PlannedFiles = "read_parquet($files, union_by_name = true, hive_partitioning = false)";

    public static void AddFiles(DuckDBCommand command, IReadOnlyList<string> files) =>
        command.Parameters.Add(new DuckDBParameter("files", files.ToArray()));

    /// <summary>Appends the row predicates of <paramref name="window"/> (everything but order and limit).</summary>
    public static void AppendWhere(StringBuilder sql, DuckDBCommand command, HistoryWindow window, string idColumn)
    {
        sql.Append(" WHERE ");
        AppendSymbol(sql, command, window, string.Empty);
        AppendRangeAndBounds(sql, command, window);
        AppendSeam(sql, command, window.Seam, string.Empty);

        if (window.After is { } after)
        {
            var beyond = window.Descending ? "<" : ">";
            sql.Append($" AND ({TimestampKey} {beyond} $after_ts OR ({TimestampKey} = $after_ts AND ({SequenceKey} {beyond} $after_seq OR ({SequenceKey} = $after_seq AND {idColumn} {beyond} $after_id))))");
            command.Parameters.Add(new DuckDBParameter("after_ts", after.TimestampMicros));
            command.Parameters.Add(new DuckDBParameter("after_seq", after.Sequence));
            command.Parameters.Add(new DuckDBParameter("after_id", after.Id));
        }
    }

    /// <summary>
    /// Appends <c>WHERE</c> for the rows of several symbols' windows at once, which share their time range and bounds
    /// (those of the first window) but each have their own exchange, symbol and seam; no keyset position. The
    /// symbols are also listed with <c>IN</c>, which DuckDB can push into the Parquet scan (row-group statistics),
    /// unlike the per-symbol disjunction.
    /// </summary>
    public static void AppendWhereAny(StringBuilder sql, DuckDBCommand command, IReadOnlyList<HistoryWindow> windows)
    {
        ArgumentOutOfRangeException.ThrowIfZero(windows.Count);
        sql.Append(" WHERE symbol IN (");
        sql.AppendJoin(", ", windows.Select((_, i) => "$symbol" + Suffix(i)));
        sql.Append(')');
        AppendRangeAndBounds(sql, command, windows[0]);
        sql.Append(" AND (");
        for (var i = 0; i < windows.Count; i++)
        {
            sql.Append(i == 0 ? "(" : " OR (");
            AppendSymbol(sql, command, windows[i], Suffix(i));
            AppendSeam(sql, command, windows[i].Seam, Suffix(i));
            sql.Append(')');
        }

        sql.Append(')');
    }

    /// <summary>The position of a row's symbol among <paramref name="windows"/>, as SQL (parameters of <see cref="AppendWhereAny"/>).</summary>
    public static string SymbolPosition(IReadOnlyList<HistoryWindow> windows) =>
        "CASE " + string.Concat(windows.Select((_, i) => $"WHEN exchange = $exchange{Suffix(i)} AND symbol = $symbol{Suffix(i)} THEN {i} ")) + "END";

    private static string Suffix(int index) => "_" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static void AppendSymbol(StringBuilder sql, DuckDBCommand command, HistoryWindow window, string suffix)
    {
        sql.Append($"exchange = $exchange{suffix} AND symbol = $symbol{suffix}");
        command.Parameters.Add(new DuckDBParameter("exchange" + suffix, window.Exchange));
        command.Parameters.Add(new DuckDBParameter("symbol" + suffix, window.Symbol));
    }

    private static void AppendRangeAndBounds(StringBuilder sql, DuckDBCommand command, HistoryWindow window)
    {
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
    }

    private static void AppendSeam(StringBuilder sql, DuckDBCommand command, ColdSeam? seam, string suffix)
    {
        if (seam is { HotSequences.Count: > 0 })
        {
            sql.Append($" AND (platform_sequence IS NULL OR platform_sequence <= $watermark{suffix} OR NOT list_contains($hot{suffix}, platform_sequence))");
            command.Parameters.Add(new DuckDBParameter("watermark" + suffix, seam.FlushedThroughSequence));
            command.Parameters.Add(new DuckDBParameter("hot" + suffix, seam.HotSequences.ToArray()));
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

using System.Data.Common;
using DuckDB.NET.Data;

namespace K2.QueryBench;

/// <summary>
/// The baseline: the same five queries issued straight to DuckDB in this process, over the Parquet files of the same
/// snapshot (all of them; the engine prunes by the files' own statistics), as SQL one would write by hand. One
/// connection per worker, opened before timing, with the API's per-connection settings (threads, memory limit, file
/// cache, UTC), so the concurrency and the engine's resources are the API's.
/// </summary>
internal sealed class DuckDbTarget : IQueryTarget
{
    private const string Columns = "*";
    private readonly List<DuckDBConnection> _connections;
    private readonly string[] _current;
    private readonly string[] _asOf;

    private DuckDbTarget(List<DuckDBConnection> connections, TableFacts facts)
    {
        _connections = connections;
        _current = [.. facts.CurrentFiles];
        _asOf = [.. facts.AsOfFiles];
    }

    public string Name => "DuckDB direct";

    public static async Task<DuckDbTarget> OpenAsync(int concurrency, int threads, string memoryLimit, bool fileCache, TableFacts facts)
    {
        var connections = new List<DuckDBConnection>();
        for (var i = 0; i < concurrency; i++)
        {
            var settings = new DuckDBConnectionStringBuilder { DataSource = ":memory:" };
            settings["threads"] = threads;
            settings["memory_limit"] = memoryLimit;
            settings["enable_external_file_cache"] = fileCache ? "true" : "false";
            var connection = new DuckDBConnection(settings.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SET TimeZone = 'UTC'";
            await command.ExecuteNonQueryAsync();
            connections.Add(connection);
        }

        return new DuckDbTarget(connections, facts);
    }

    public async Task<QueryAnswer> AnswerAsync(QueryDraw draw, int worker, CancellationToken cancellationToken)
    {
        await using var command = _connections[worker].CreateCommand();
        command.Parameters.Add(new DuckDBParameter("files", draw.Kind == QueryKind.AsOfLatest100 ? _asOf : _current));
        command.Parameters.Add(new DuckDBParameter("exchange", QueryDraw.Exchange));
        switch (draw.Kind)
        {
            case QueryKind.Latest100:
            case QueryKind.AsOfLatest100:
                command.CommandText = $"""
                    SELECT {Columns} FROM read_parquet($files) WHERE exchange = $exchange AND symbol = $symbol
                    ORDER BY "timestamp" DESC LIMIT {QueryDraw.LatestLimit}
                    """;
                command.Parameters.Add(new DuckDBParameter("symbol", draw.Symbol));
                return await RowsAsync(command, cancellationToken);
            case QueryKind.MinuteRange:
                command.CommandText = $"""
                    SELECT {Columns} FROM read_parquet($files) WHERE exchange = $exchange AND symbol = $symbol
                    AND "timestamp" >= make_timestamp($from)::TIMESTAMPTZ AND "timestamp" < make_timestamp($until)::TIMESTAMPTZ
                    ORDER BY "timestamp" LIMIT {QueryDraw.RangeLimit}
                    """;
                AddSymbolAndRange(command, draw);
                return await RowsAsync(command, cancellationToken);
            case QueryKind.DayOhlcv:
                command.CommandText = """
                    SELECT epoch_us("timestamp") // 60000000 AS minute, arg_min(price, "timestamp"), max(price), min(price),
                           arg_max(price, "timestamp"), sum(quantity), sum(CAST(price AS DECIMAL(38, 8)) * quantity), count(*)
                    FROM read_parquet($files) WHERE exchange = $exchange AND symbol = $symbol
                    AND "timestamp" >= make_timestamp($from)::TIMESTAMPTZ AND "timestamp" < make_timestamp($until)::TIMESTAMPTZ
                    GROUP BY minute ORDER BY minute
                    """;
                AddSymbolAndRange(command, draw);
                return await CandlesAsync(command, cancellationToken);
            case QueryKind.MultiSymbol:
                var symbols = string.Join(", ", draw.Symbols.Select((symbol, i) => "$s" + i));
                command.CommandText = $"""
                    SELECT {Columns} FROM read_parquet($files) WHERE exchange = $exchange AND symbol IN ({symbols})
                    AND "timestamp" >= make_timestamp($from)::TIMESTAMPTZ AND "timestamp" < make_timestamp($until)::TIMESTAMPTZ
                    ORDER BY symbol, "timestamp" LIMIT {QueryDraw.MultiSymbolLimit}
                    """;
                for (var i = 0; i < draw.Symbols.Count; i++)
                {
                    command.Parameters.Add(new DuckDBParameter("s" + i, draw.Symbols[i]));
                }

                AddRange(command, draw);
                return await RowsAsync(command, cancellationToken);
            default:
                throw new ArgumentOutOfRangeException(nameof(draw));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in _connections)
        {
            await connection.DisposeAsync();
        }
    }

    private static void AddSymbolAndRange(DuckDBCommand command, QueryDraw draw)
    {
        command.Parameters.Add(new DuckDBParameter("symbol", draw.Symbol));
        AddRange(command, draw);
    }

    private static void AddRange(DuckDBCommand command, QueryDraw draw)
    {
        command.Parameters.Add(new DuckDBParameter("from", Micros(draw.From)));
        command.Parameters.Add(new DuckDBParameter("until", Micros(draw.Until)));
    }

    private static long Micros(DateTimeOffset instant) => (instant - DateTimeOffset.UnixEpoch).Ticks / 10;

    /// <summary>Reads every value of every row, as a client of the result would.</summary>
    private static async Task<QueryAnswer> RowsAsync(DuckDBCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new object[reader.FieldCount];
        var rows = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(values);
            rows++;
        }

        return new QueryAnswer(rows, rows);
    }

    private static async Task<QueryAnswer> CandlesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var values = new object[reader.FieldCount];
        int candles = 0;
        var trades = 0L;
        while (await reader.ReadAsync(cancellationToken))
        {
            reader.GetValues(values);
            candles++;
            trades += reader.GetInt64(7);
        }

        return new QueryAnswer(candles, trades);
    }
}

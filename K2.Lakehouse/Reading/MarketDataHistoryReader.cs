using System.Data.Common;
using System.Text;
using DuckDB.NET.Data;
using K2.Contracts.Model;
using K2.Lakehouse.Bars;
using K2.Lakehouse.Caching;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Reading;

/// <summary>
/// Pages and aggregates of one symbol's history for the query API, read with DuckDB from exactly the files a
/// <see cref="ScanPlan"/> selected, on a connection from the bounded <see cref="DuckDbConnectionPool"/>. The
/// cancellation token stops a running query (DuckDB honours it within milliseconds); that is how a per-query
/// timeout is enforced. Pages are read top-k: files in the page's time order (<see cref="PageFileOrder"/>), a growing
/// batch of them per query, stopping once the page is full and no unread file can hold a row that comes before its
/// last row. Exact, since a file's timestamp bound covers every row in it; a latest-N page of a table whose flushes
/// follow time reads the newest file or two instead of every file. Without a <see cref="SidecarBarCache"/> candles
/// decode the sidecars they use on every request.
/// </summary>
public sealed class MarketDataHistoryReader(IWarehouseStorage storage, DuckDbConnectionPool pool, BarSidecarIndex bars, SidecarBarCache? barCache = null)
{
    private readonly SidecarBarCache _barCache = barCache ?? new SidecarBarCache(Options.Create(new ScanCacheOptions { MaxCachedBars = 0 }));

    private const string TradeId = "trade_id";
    private const string QuoteId = "quote_id";

    /// <summary>The scan filter that plans the files of <paramref name="window"/>.</summary>
    public static ScanFilter PlanFilter(HistoryWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        return new ScanFilter
        {
            Exchange = window.Exchange,
            Symbols = new HashSet<string>([window.Symbol], StringComparer.Ordinal),
            From = window.From,
            Until = window.Until,
        };
    }

    /// <summary>The scan filter that plans the files of several symbols' windows over the same time range.</summary>
    public static ScanFilter PlanFilter(IReadOnlyList<HistoryWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentOutOfRangeException.ThrowIfZero(windows.Count);
        var exchanges = windows.Select(w => w.Exchange).Distinct(StringComparer.Ordinal).ToList();
        return new ScanFilter
        {
            Exchange = exchanges.Count == 1 ? exchanges[0] : null,
            Symbols = windows.Select(w => w.Symbol).ToHashSet(StringComparer.Ordinal),
            From = windows[0].From,
            Until = windows[0].Until,
        };
    }

    public Task<IReadOnlyList<Trade>> ReadTradesAsync(ScanPlan plan, HistoryWindow window, CancellationToken cancellationToken) =>
        ReadPageAsync(plan, window, new PageColumns<Trade>(MarketDataRows.TradeColumns, TradeId, TradeFields.Timestamp, MarketDataRows.ToTrade, HistoryKey.Of), cancellationToken);

    /// <summary>
    /// The trades of several symbols in one query: symbol by symbol in the order of <paramref name="windows"/>, oldest
    /// first within each, at most <paramref name="limit"/> rows in all. The windows share their time range and price
    /// and quantity bounds (the first window's are used); each has its own exchange, symbol and seam.
    /// </summary>
    public Task<IReadOnlyList<Trade>> ReadTradesOfSymbolsAsync(ScanPlan plan, IReadOnlyList<HistoryWindow> windows, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(windows);
        return QueryAsync(plan, (connection, files) =>
        {
            var command = connection.CreateCommand();
            HistorySql.AddFiles(command, files);
            var sql = new StringBuilder($"SELECT {MarketDataRows.TradeColumns} FROM {HistorySql.PlannedFiles}");
            HistorySql.AppendWhereAny(sql, command, windows);
            sql.Append($" ORDER BY {HistorySql.SymbolPosition(windows)}, {HistorySql.TimestampOrder}, {HistorySql.SequenceKey}, {TradeId} LIMIT {HistorySql.Literal(limit)}");
            command.CommandText = sql.ToString();
            return command;
        }, MarketDataRows.ToTrade, cancellationToken);
    }

    public Task<IReadOnlyList<Quote>> ReadQuotesAsync(ScanPlan plan, HistoryWindow window, CancellationToken cancellationToken) =>
        ReadPageAsync(plan, window, new PageColumns<Quote>(MarketDataRows.QuoteColumns, QuoteId, QuoteFields.Timestamp, MarketDataRows.ToQuote, HistoryKey.Of), cancellationToken);

    /// <summary>
    /// Buckets of <paramref name="widthMicros"/>, at most <see cref="HistoryWindow.Limit"/>, in the window's order. Whole
    /// minutes come from the files' bar sidecars where they have one (<see cref="SidecarCandles"/>), the rest from raw rows.
    /// </summary>
    public async Task<IReadOnlyList<Candle>> ReadCandlesAsync(ScanPlan plan, HistoryWindow window, long widthMicros, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentOutOfRangeException.ThrowIfLessThan(widthMicros, 1);
        if (MinuteSpan.Inside(window, widthMicros) is not { } inside || plan.Files.Count == 0)
        {
            return await QueryAsync(plan, (connection, files) => CandleSql.Create(connection, files, window, widthMicros), CandleSql.Read, cancellationToken);
        }

        List<string> withSidecar = [], sidecars = [], withoutSidecar = [];
        foreach (var file in plan.Files)
        {
            if (await bars.HasSidecarAsync(file.Location, cancellationToken))
            {
                withSidecar.Add(storage.ResolveForQueryEngine(file.Location));
                sidecars.Add(storage.ResolveForQueryEngine(BarSidecar.LocationFor(file.Location)));
            }
            else
            {
                withoutSidecar.Add(storage.ResolveForQueryEngine(file.Location));
            }
        }

        await using var lease = await pool.RentAsync(cancellationToken);
        await lease.ReadingAsync([.. withSidecar, .. sidecars, .. withoutSidecar], cancellationToken);
        if (withSidecar.Count == 0)
        {
            await using var command = CandleSql.Create(lease.Connection, withoutSidecar, window, widthMicros);
            return await ReadAllAsync(command, CandleSql.Read, cancellationToken);
        }

        return await SidecarCandles.ReadAsync(lease.Connection, _barCache, new SidecarCandleFiles(withSidecar, sidecars, withoutSidecar), window, inside, widthMicros, cancellationToken);
    }

    /// <summary>First and last trade time and trade count of every symbol in the plan, optionally of one exchange.</summary>
    public Task<IReadOnlyList<SymbolStats>> ReadSymbolStatsAsync(ScanPlan plan, string? exchange, CancellationToken cancellationToken) =>
        QueryAsync(plan, (connection, files) => SymbolStatsSql.Stats(connection, files, exchange), SymbolStatsSql.Read, cancellationToken);

    /// <summary>How many of one symbol's rows the seam leaves to the hot side (committed and still hot).</summary>
    public async Task<long> CountShadowedAsync(ScanPlan plan, string exchange, string symbol, ColdSeam seam, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seam);
        if (seam.HotSequences.Count == 0)
        {
            return 0;
        }

        var counts = await QueryAsync(plan, (connection, files) => SymbolStatsSql.Shadowed(connection, files, exchange, symbol, seam), row => row.GetInt64(0), cancellationToken);
        return counts.Count == 0 ? 0 : counts[0];
    }

    /// <summary>The page's rows, at most <see cref="HistoryWindow.Limit"/>, in page order; read top-k (see above).</summary>
    private async Task<IReadOnlyList<T>> ReadPageAsync<T>(ScanPlan plan, HistoryWindow window, PageColumns<T> page, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(window);
        var files = PageFileOrder.Order(plan.Files, page.TimestampFieldId, window.Descending);
        var rows = new List<T>();
        if (files.Count == 0)
        {
            return rows;
        }

        await using var lease = await pool.RentAsync(cancellationToken);
        var read = 0;
        // Doubling batches: one file answers a latest-N page of a busy symbol; a rare symbol spread thinly over many
        // files costs log2(files) queries instead of one per file.
        for (var batch = 1; read < files.Count; batch *= 2)
        {
            var next = files.GetRange(read, Math.Min(batch, files.Count - read));
            read += next.Count;
            var paths = next.Select(f => storage.ResolveForQueryEngine(f.File.Location)).ToList();
            await lease.ReadingAsync(paths, cancellationToken);
            await using (var command = PageCommand(lease.Connection, paths, window, page))
            {
                rows.AddRange(await ReadAllAsync(command, page.Map, cancellationToken));
            }

            rows = [.. (window.Descending ? rows.OrderByDescending(page.KeyOf) : rows.OrderBy(page.KeyOf)).Take(window.Limit)];
            if (rows.Count == window.Limit && read < files.Count
                && PageFileOrder.IsBeyond(page.KeyOf(rows[^1]).TimestampMicros, files[read].BoundMicros, window.Descending))
            {
                break;
            }
        }

        return rows;
    }

    private static DuckDBCommand PageCommand<T>(DuckDBConnection connection, IReadOnlyList<string> files, HistoryWindow window, PageColumns<T> page)
    {
        var command = connection.CreateCommand();
        HistorySql.AddFiles(command, files);
        var sql = new StringBuilder($"SELECT {page.Columns} FROM {HistorySql.PlannedFiles}");
        HistorySql.AppendWhere(sql, command, window, page.IdColumn);
        HistorySql.AppendOrderAndLimit(sql, window, page.IdColumn, window.Limit);
        command.CommandText = sql.ToString();
        return command;
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(
        ScanPlan plan,
        Func<DuckDBConnection, IReadOnlyList<string>, DuckDBCommand> create,
        Func<DbDataReader, T> map,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.Files.Count == 0)
        {
            return [];
        }

        var files = plan.Files.Select(f => storage.ResolveForQueryEngine(f.Location)).ToList();
        await using var lease = await pool.RentAsync(cancellationToken);
        await lease.ReadingAsync(files, cancellationToken);
        await using var command = create(lease.Connection, files);
        return await ReadAllAsync(command, map, cancellationToken);
    }

    internal static async Task<List<T>> ReadAllAsync<T>(DuckDBCommand command, Func<DbDataReader, T> map, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    /// <summary>What a page query of one record kind selects, how it maps and orders rows, and its timestamp column's field id.</summary>
    private sealed record PageColumns<T>(string Columns, string IdColumn, int TimestampFieldId, Func<DbDataReader, T> Map, Func<T, HistoryKey> KeyOf);
}

using K2.Contracts.Model;
using K2.Lakehouse.Caching;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Scanning;
using Microsoft.Extensions.Options;

namespace K2.Lakehouse.Reading.Tail;

/// <summary>
/// Latest-N pages of the trades and quotes tables from a per-symbol cache of each symbol's newest rows (docs/api.md,
/// "Cold tail cache"), so a newest-first page of a symbol read before costs no DuckDB query while the table only
/// grew by appends. A tail is kept as of one snapshot; a request at a newer snapshot reads only the files the appends
/// since then added for the symbol and merges their rows in; any other change rebuilds it from the table. The answer
/// is the one <see cref="MarketDataHistoryReader"/> gives for the same plan; a page the cache cannot settle (deeper
/// than the rows kept, a time range, price or quantity bounds, oldest first, time travel to a snapshot not cached)
/// returns null and the caller reads the table.
/// </summary>
public sealed class ColdTailReader : ICacheStatisticsSource
{
    private readonly ColdTail<Trade> _trades;
    private readonly ColdTail<Quote> _quotes;

    public ColdTailReader(ScanPlanner planner, MarketDataHistoryReader reader, IOptions<ColdTailOptions> options)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentNullException.ThrowIfNull(options);
        var bounds = options.Value;
        _trades = new(planner, bounds.RowsPerSymbol, bounds.MaxRows, bounds.MaxSnapshotsToAdvance, reader.ReadTradesAsync, HistoryKey.Of, t => t.PlatformSequence);
        _quotes = new(planner, bounds.RowsPerSymbol, bounds.MaxRows, bounds.MaxSnapshotsToAdvance, reader.ReadQuotesAsync, HistoryKey.Of, q => q.PlatformSequence);
    }

    public ColdTailStats TradeStats => _trades.Stats;

    public ColdTailStats QuoteStats => _quotes.Stats;

    public IEnumerable<NamedCacheStatistics> ReadCacheStatistics() =>
        [new("cold_tail_trades", _trades.CacheStatistics), new("cold_tail_quotes", _quotes.CacheStatistics)];

    public Task<IReadOnlyList<Trade>?> TryReadTradesAsync(TableMetadata table, Snapshot snapshot, HistoryWindow window, CancellationToken cancellationToken) =>
        _trades.TryReadAsync(table, snapshot, window, cancellationToken);

    public Task<IReadOnlyList<Quote>?> TryReadQuotesAsync(TableMetadata table, Snapshot snapshot, HistoryWindow window, CancellationToken cancellationToken) =>
        _quotes.TryReadAsync(table, snapshot, window, cancellationToken);
}

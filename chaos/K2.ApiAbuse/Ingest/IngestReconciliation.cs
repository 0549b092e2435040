using K2.Lakehouse.Catalog;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace K2.ApiAbuse.Ingest;

/// <summary>One live symbol: trades produced, rows in the table, and distinct trade ids among those rows.</summary>
internal sealed record SymbolCount(string Symbol, long Produced, long Rows, long DistinctTradeIds)
{
    public long Lost => Produced - DistinctTradeIds;

    public long Duplicated => Rows - DistinctTradeIds;

    public bool ExactlyOnce => Rows == Produced && DistinctTradeIds == Produced;
}

/// <summary>
/// Reads the live symbols back from the trades table's current snapshot with K2's own reader (catalog → scan planner →
/// DuckDB reader) and counts, per symbol, rows and distinct trade ids against what was produced: every produced trade
/// must be there exactly once.
/// </summary>
internal static class IngestReconciliation
{
    private const string Exchange = "BINANCE";

    public static async Task<IReadOnlyList<SymbolCount>> CountAsync(IServiceProvider lakehouse, IReadOnlyDictionary<string, long> produced)
    {
        var filter = new ScanFilter { Exchange = Exchange, Symbols = produced.Keys.ToHashSet(StringComparer.Ordinal) };
        var table = await lakehouse.GetRequiredService<IcebergCatalog>().LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        var plan = await lakehouse.GetRequiredService<ScanPlanner>().PlanAsync(table.Metadata, SnapshotSelection.Current, filter, CancellationToken.None);
        var trades = await lakehouse.GetRequiredService<DuckDbMarketDataReader>().ReadTradesAsync(plan, filter, CancellationToken.None);
        var bySymbol = trades
            .Where(trade => trade.Exchange == Exchange)
            .GroupBy(trade => trade.Symbol, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => (Rows: group.LongCount(), Distinct: group.Select(t => t.TradeId).Distinct(StringComparer.Ordinal).LongCount()), StringComparer.Ordinal);
        return
        [
            .. produced.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => bySymbol.TryGetValue(p.Key, out var read)
                ? new SymbolCount(p.Key, p.Value, read.Rows, read.Distinct)
                : new SymbolCount(p.Key, p.Value, 0, 0)),
        ];
    }
}

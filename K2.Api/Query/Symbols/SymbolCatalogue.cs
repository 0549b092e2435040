using K2.Contracts.Grains;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;

namespace K2.Api.Query.Symbols;

/// <summary>The symbol list and the snapshot its cold part came from.</summary>
public sealed record SymbolCatalogueResult(IReadOnlyList<SymbolListing> Symbols, long? ColdSnapshotId);

/// <summary>
/// What K2 holds, per symbol: DuckDB statistics over the current trades snapshot plus the hot slices of the symbol
/// grains that are active in the cluster (a grain that is not active holds no hot trades). Only symbols with hot
/// trades need a second, per-symbol query: the count of their rows that are committed and hot at once.
/// </summary>
public sealed class SymbolCatalogue(IClusterClient cluster, ColdTables tables, ScanPlanner planner, MarketDataHistoryReader reader)
{
    private const string AnyKey = "ANY/ANY";

    public async Task<SymbolCatalogueResult> ReadAsync(string? exchange, CancellationToken cancellationToken)
    {
        var hot = await HotSlicesAsync(exchange);
        var cold = await tables.ResolveAsync(MarketDataTables.Trades, SnapshotSelection.Current, cancellationToken);
        IReadOnlyList<SymbolStats> stats = [];
        var shadowed = new Dictionary<SymbolKey, long>();
        if (cold is { Metadata: { } metadata, Snapshot: not null })
        {
            var plan = await planner.PlanAsync(metadata, cold.Selection, new ScanFilter { Exchange = exchange }, cancellationToken);
            stats = await reader.ReadSymbolStatsAsync(plan, exchange, cancellationToken);
            var inTable = stats.Select(s => new SymbolKey(s.Exchange, s.Symbol)).ToHashSet();
            foreach (var (key, slice) in hot.Where(h => inTable.Contains(h.Key)))
            {
                if (TradeSeamMerge.SeamFor(slice) is { HotSequences.Count: > 0 } seam)
                {
                    shadowed[key] = await reader.CountShadowedAsync(plan, key.Exchange, key.Symbol, seam, cancellationToken);
                }
            }
        }

        return new SymbolCatalogueResult(SymbolListingMerge.Merge(stats, hot, shadowed), cold.Snapshot?.SnapshotId);
    }

    private async Task<Dictionary<SymbolKey, HotTradeSlice>> HotSlicesAsync(string? exchange)
    {
        // The grain type as this client resolves it for ISymbolGrain; no activation is created by asking.
        var symbolGrainType = cluster.GetGrain<ISymbolGrain>(AnyKey).GetGrainId().Type;
        var active = await cluster.GetGrain<IManagementGrain>(0).GetActiveGrains(symbolGrainType);
        var keys = active
            .Select(id => SymbolKey.TryParse(id.Key.ToString(), out var key) ? key : (SymbolKey?)null)
            .OfType<SymbolKey>()
            .Where(key => exchange is null || key.Exchange == exchange)
            .Distinct()
            .ToList();
        var slices = await Task.WhenAll(keys.Select(async key => (key, await cluster.GetGrain<ISymbolGrain>(key.ToString()).GetHotTradesAsync())));
        return slices.ToDictionary(s => s.key, s => s.Item2);
    }
}

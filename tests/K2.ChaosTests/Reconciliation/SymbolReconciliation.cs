using K2.ChaosTests.Load;

namespace K2.ChaosTests.Reconciliation;

/// <summary>
/// One symbol's trades offered against the table. Lost: acknowledged trades missing from the table. Duplicates: rows
/// beyond the first of a trade id. Phantoms: trade ids in the table that were never offered.
/// </summary>
public sealed record SymbolReconciliation(
    string Symbol,
    long Attempted,
    long Acknowledged,
    long RowsByK2Reader,
    long RowsByDuckDb,
    long DuplicatesByK2Reader,
    long DuplicatesByDuckDb,
    long Lost,
    long Phantoms,
    long GrainAccepted)
{
    public bool GrainAgreesWithTable => GrainAccepted == RowsByK2Reader;

    /// <summary>The load generator's trades 1..<paramref name="attempted"/> of the symbol.</summary>
    public static SymbolReconciliation Of(ChaosSymbol symbol, long attempted, bool acknowledged, TableContents table, long grainAccepted) =>
        Of(symbol, [.. Enumerable.Range(1, checked((int)attempted)).Select(n => symbol.TradeId(n))], acknowledged, table, grainAccepted);

    /// <summary>The trades with <paramref name="offeredIds"/>; when <paramref name="acknowledged"/>, each must be in the table.</summary>
    public static SymbolReconciliation Of(ChaosSymbol symbol, IReadOnlyCollection<string> offeredIds, bool acknowledged, TableContents table, long grainAccepted)
    {
        var reader = Rows(table.ByK2Reader, symbol);
        var duckDb = Rows(table.ByDuckDb, symbol);
        var offered = offeredIds.ToHashSet(StringComparer.Ordinal);
        var mustHave = acknowledged ? offered.Count : 0;
        var lost = acknowledged ? offered.Count(id => !reader.ContainsKey(id) || !duckDb.ContainsKey(id)) : 0;
        var phantoms = reader.Keys.Union(duckDb.Keys).Count(id => !offered.Contains(id));
        return new SymbolReconciliation(
            symbol.ToString(),
            offered.Count,
            mustHave,
            reader.Values.Sum(),
            duckDb.Values.Sum(),
            reader.Values.Sum(count => count - 1),
            duckDb.Values.Sum(count => count - 1),
            lost,
            phantoms,
            grainAccepted);
    }

    private static Dictionary<string, int> Rows(IReadOnlyDictionary<(string Exchange, string Symbol, string TradeId), int> counts, ChaosSymbol symbol) =>
        counts.Where(entry => entry.Key.Exchange == symbol.Exchange && entry.Key.Symbol == symbol.Symbol)
            .ToDictionary(entry => entry.Key.TradeId, entry => entry.Value, StringComparer.Ordinal);
}

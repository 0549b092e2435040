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

    public static SymbolReconciliation Of(ChaosSymbol symbol, long attempted, bool acknowledged, TableContents table, long grainAccepted)
    {
        var reader = Rows(table.ByK2Reader, symbol);
        var duckDb = Rows(table.ByDuckDb, symbol);
        var offered = Enumerable.Range(1, checked((int)attempted)).Select(n => symbol.TradeId(n)).ToHashSet(StringComparer.Ordinal);
        var mustHave = acknowledged ? attempted : 0;
        var lost = Enumerable.Range(1, checked((int)mustHave)).Count(n => !reader.ContainsKey(symbol.TradeId(n)) || !duckDb.ContainsKey(symbol.TradeId(n)));
        var phantoms = reader.Keys.Union(duckDb.Keys).Count(id => !offered.Contains(id));
        return new SymbolReconciliation(
            symbol.ToString(),
            attempted,
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

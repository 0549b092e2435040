using K2.Contracts.Model;
using K2.Testing;

namespace K2.ChaosTests.Load;

/// <summary>
/// One instrument a scenario offers trades for. Its n-th trade has a known id, so the reconciliation knows exactly which
/// trades must be in the table: Binance symbols carry exchange sequences (the grain's gap/duplicate tracking), ASX ones
/// none (deduplication by message id only).
/// </summary>
public sealed record ChaosSymbol(string Exchange, string Symbol)
{
    public Trade Trade(long n) => Exchange == "ASX"
        ? Trades.Asx(checked((int)n), Symbol, Trades.BaseTime.AddMilliseconds(n))
        : Trades.Binance(n, Trades.BaseTime.AddMilliseconds(n), Symbol);

    /// <summary>Trade id of the n-th trade, as <see cref="Trade"/> builds it.</summary>
    public string TradeId(long n) => Trade(n).TradeId;

    /// <summary>Three symbols per scenario, named after it: two with sequences, one without.</summary>
    public static IReadOnlyList<ChaosSymbol> For(string scenarioCode) =>
    [
        new("BINANCE", $"CHAOS{scenarioCode}AUSDT"),
        new("BINANCE", $"CHAOS{scenarioCode}BUSDT"),
        new("ASX", $"CX{scenarioCode}"),
    ];

    public override string ToString() => $"{Exchange}/{Symbol}";
}

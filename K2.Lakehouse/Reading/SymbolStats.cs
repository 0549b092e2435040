namespace K2.Lakehouse.Reading;

/// <summary>What the table holds for one symbol: first and last exchange time (µs) and the number of trades.</summary>
public sealed record SymbolStats(string Exchange, string Symbol, long FirstMicros, long LastMicros, long Count);

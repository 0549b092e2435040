namespace K2.Ingestion.Asx.Parsing;

/// <summary>What every ASX row has before its own columns: the symbol, its positional id and its UTC time.</summary>
public readonly record struct AsxRowKey(string Symbol, string RecordId, DateTimeOffset Timestamp);

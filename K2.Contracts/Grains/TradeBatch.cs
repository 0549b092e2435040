using K2.Contracts.Model;

namespace K2.Contracts.Grains;

/// <summary>The trades of one symbol taken from one poll of the log, handed to its grain in a single call.</summary>
[GenerateSerializer, Immutable]
public sealed record TradeBatch([property: Id(0)] IReadOnlyList<Trade> Trades);

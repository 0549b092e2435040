namespace K2.Contracts.Grains;

/// <summary>A trade (or quote: <c>TradeId</c> then holds the quote id) a symbol grain refused, and why.</summary>
[GenerateSerializer, Immutable]
public sealed record TradeRejection(
    [property: Id(0)] Guid MessageId,
    [property: Id(1)] string TradeId,
    [property: Id(2)] string Reason);

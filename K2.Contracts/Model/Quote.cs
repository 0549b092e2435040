namespace K2.Contracts.Model;

/// <summary>
/// A top-of-book quote in the K2 v2 envelope. A zero price or quantity means that side of the book was empty.
/// </summary>
[GenerateSerializer, Immutable, Alias("k2.quote.v2")]
public sealed record Quote : IMarketDataRecord
{
    [Id(0)] public required Guid MessageId { get; init; }

    /// <summary><c>{EXCHANGE}-{id}</c>.</summary>
    [Id(1)] public required string QuoteId { get; init; }

    [Id(2)] public required string Symbol { get; init; }

    [Id(3)] public required string Exchange { get; init; }

    [Id(4)] public required AssetClass AssetClass { get; init; }

    [Id(5)] public required DateTimeOffset Timestamp { get; init; }

    [Id(6)] public required decimal BidPrice { get; init; }

    [Id(7)] public required decimal BidQuantity { get; init; }

    [Id(8)] public required decimal AskPrice { get; init; }

    [Id(9)] public required decimal AskQuantity { get; init; }

    [Id(10)] public required string Currency { get; init; }

    [Id(11)] public long? SourceSequence { get; init; }

    [Id(12)] public required DateTimeOffset IngestionTimestamp { get; init; }

    [Id(13)] public long? PlatformSequence { get; init; }

    [Id(14)] public IReadOnlyDictionary<string, string> VendorData { get; init; } = Trade.EmptyVendorData;
}

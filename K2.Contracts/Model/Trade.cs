namespace K2.Contracts.Model;

/// <summary>
/// One executed trade in the K2 v2 envelope: industry-standard core fields plus vendor extensions.
/// Prices and quantities are exact decimals (precision 18, scale 8); timestamps are UTC with microsecond precision.
/// </summary>
[GenerateSerializer, Immutable, Alias("k2.trade.v2")]
public sealed record Trade : IMarketDataRecord
{
    /// <summary>Deduplication key; deterministic for a given source record so replays carry the same id.</summary>
    [Id(0)] public required Guid MessageId { get; init; }

    /// <summary><c>{EXCHANGE}-{id}</c>, e.g. <c>BINANCE-4851805410</c>.</summary>
    [Id(1)] public required string TradeId { get; init; }

    [Id(2)] public required string Symbol { get; init; }

    [Id(3)] public required string Exchange { get; init; }

    [Id(4)] public required AssetClass AssetClass { get; init; }

    /// <summary>Exchange time of the trade, UTC, microsecond precision.</summary>
    [Id(5)] public required DateTimeOffset Timestamp { get; init; }

    [Id(6)] public required decimal Price { get; init; }

    [Id(7)] public required decimal Quantity { get; init; }

    [Id(8)] public required string Currency { get; init; }

    [Id(9)] public TradeSide Side { get; init; }

    [Id(10)] public IReadOnlyList<string> TradeConditions { get; init; } = [];

    /// <summary>The exchange's own sequence number, when it has one (Binance: the trade id).</summary>
    [Id(11)] public long? SourceSequence { get; init; }

    /// <summary>When K2 first saw the trade, UTC, microsecond precision.</summary>
    [Id(12)] public required DateTimeOffset IngestionTimestamp { get; init; }

    /// <summary>Assigned by the symbol grain in arrival order when the source has no sequence.</summary>
    [Id(13)] public long? PlatformSequence { get; init; }

    [Id(14)] public IReadOnlyDictionary<string, string> VendorData { get; init; } = EmptyVendorData;

    // Read-only so nobody can cast the shared default back to a Dictionary and change it for every trade.
    internal static readonly IReadOnlyDictionary<string, string> EmptyVendorData =
        System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;
}

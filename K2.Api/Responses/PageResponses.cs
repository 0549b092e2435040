namespace K2.Api.Responses;

/// <summary>
/// A page of trades. <c>ColdSnapshotId</c> is the lakehouse snapshot the cold rows came from (null: no table data);
/// <c>FlushedThroughSequence</c> is the grain watermark that split hot from cold (null for time travel, which reads
/// no hot data). Pass <c>NextCursor</c> as <c>cursor</c> to continue; null means this was the last page.
/// </summary>
public sealed record TradePageResponse(
    string Exchange,
    string Symbol,
    string Order,
    long? ColdSnapshotId,
    long? FlushedThroughSequence,
    int Count,
    string? NextCursor,
    IReadOnlyList<TradeResponse> Trades);

/// <summary>A page of quotes, from the lakehouse only (grains hold no quotes).</summary>
public sealed record QuotePageResponse(
    string Exchange,
    string Symbol,
    string Order,
    long? ColdSnapshotId,
    int Count,
    string? NextCursor,
    IReadOnlyList<QuoteResponse> Quotes);

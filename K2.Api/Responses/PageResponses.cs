namespace K2.Api.Responses;

/// <summary>
/// A page of trades. <c>ColdSnapshotId</c> is the lakehouse snapshot the cold rows came from (null: no table data, or a
/// page the grain's hot trades settled alone, see docs/api.md "Hot-only pages");
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

/// <summary>
/// A page of quotes, hot (the grain) and cold (the quotes table) merged as trades are. <c>FlushedThroughSequence</c> is
/// the grain's quote watermark (quote platform sequences are numbered apart from trade ones).
/// </summary>
public sealed record QuotePageResponse(
    string Exchange,
    string Symbol,
    string Order,
    long? ColdSnapshotId,
    long? FlushedThroughSequence,
    int Count,
    string? NextCursor,
    IReadOnlyList<QuoteResponse> Quotes);

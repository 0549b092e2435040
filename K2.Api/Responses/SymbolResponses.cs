using K2.Api.Query.Symbols;

namespace K2.Api.Responses;

/// <summary>One symbol K2 holds: first and last trade time, trades (hot and cold, each once) and how many are hot.</summary>
public sealed record SymbolResponse(string Exchange, string Symbol, string FirstTradeTime, string LastTradeTime, long TradeCount, long HotTradeCount)
{
    public static SymbolResponse From(SymbolListing listing)
    {
        ArgumentNullException.ThrowIfNull(listing);
        return new(listing.Exchange, listing.Symbol, WireFormat.Timestamp(listing.FirstMicros), WireFormat.Timestamp(listing.LastMicros), listing.Count, listing.HotCount);
    }
}

/// <summary>The symbols K2 holds, by exchange then symbol, with the trades snapshot the cold part came from.</summary>
public sealed record SymbolListResponse(long? ColdSnapshotId, IReadOnlyList<SymbolResponse> Symbols);

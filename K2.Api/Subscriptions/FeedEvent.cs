using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Api.Subscriptions;

/// <summary>
/// What a symbol feed hands each subscription: the trades of one ingested batch, or (with no trades) the grain's
/// last platform sequence learned at a renewal, higher than anything the feed was notified of.
/// </summary>
internal readonly record struct FeedEvent(SymbolKey Symbol, IReadOnlyList<Trade> Trades, long? GrainLastSequence)
{
    public static FeedEvent Batch(SymbolKey symbol, IReadOnlyList<Trade> trades) => new(symbol, trades, null);

    public static FeedEvent GrainAhead(SymbolKey symbol, long lastSequence) => new(symbol, [], lastSequence);
}

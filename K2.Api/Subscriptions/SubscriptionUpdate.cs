using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Api.Subscriptions;

/// <summary>
/// One message of a subscription: a symbol's backfill (its first message, possibly empty) or a run of live trades.
/// <paramref name="Trades"/> are oldest first with contiguous platform sequences following the previous message's;
/// <paramref name="ThroughSequence"/> is the platform sequence the subscriber now holds every trade up to.
/// </summary>
public sealed record SubscriptionUpdate(SymbolKey Symbol, bool Backfill, IReadOnlyList<Trade> Trades, long ThroughSequence);

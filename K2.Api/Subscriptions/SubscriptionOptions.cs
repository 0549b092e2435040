using System.ComponentModel.DataAnnotations;

namespace K2.Api.Subscriptions;

/// <summary>Limits and timing of live trade subscriptions (gRPC <c>SubscribeTrades</c>). Bound from <c>K2:Subscriptions</c>.</summary>
public sealed class SubscriptionOptions
{
    public const string SectionName = "K2:Subscriptions";

    /// <summary>Key of the <see cref="TimeProvider"/> that paces renewals (the system clock; tests substitute their own).</summary>
    public const string ClockKey = "k2-subscriptions";

    /// <summary>Symbols one subscription may name; more is <c>INVALID_ARGUMENT</c> (<c>too_many_symbols</c>).</summary>
    [Range(1, 10_000)]
    public int MaxSymbolsPerSubscription { get; set; } = 100;

    /// <summary>Subscriptions this API process serves at once; one more is <c>RESOURCE_EXHAUSTED</c> (<c>too_many_subscriptions</c>).</summary>
    [Range(1, 1_000_000)]
    public int MaxSubscriptions { get; set; } = 1_000;

    /// <summary>Recent trades per symbol in the backfill when the request does not say.</summary>
    [Range(0, 1_000_000)]
    public int DefaultBackfill { get; set; } = 100;

    /// <summary>
    /// Largest backfill a request may ask for (more is <c>INVALID_ARGUMENT</c>, never a clamp), and the most trades a
    /// subscriber may be missing when it re-reads a symbol's window after a lost notification.
    /// </summary>
    [Range(0, 1_000_000)]
    public int MaxBackfill { get; set; } = 10_000;

    /// <summary>
    /// Batches of live trades buffered per subscription while its client is slower than the feed. A subscription whose
    /// buffer is full is ended with <c>RESOURCE_EXHAUSTED</c> (<c>subscriber_too_slow</c>); ingestion never waits.
    /// </summary>
    [Range(1, 1_000_000)]
    public int BufferBatches { get; set; } = 1_024;

    /// <summary>
    /// After an overflow, how long the stream waits for the client to take what the transport already holds, so it can
    /// end with the status; a client that reads nothing in that time has its stream reset instead (HTTP/2 can only
    /// deliver the status after the data the client has not read).
    /// </summary>
    public TimeSpan OverflowGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a symbol grain keeps this process's subscription without a renewal.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often each subscribed symbol's grain subscription is renewed; well under <see cref="Lease"/>.</summary>
    public TimeSpan RenewInterval { get; set; } = TimeSpan.FromSeconds(30);
}

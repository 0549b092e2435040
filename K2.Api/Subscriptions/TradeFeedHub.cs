using K2.Api.Query;
using K2.Contracts.Grains;
using Microsoft.Extensions.Options;

namespace K2.Api.Subscriptions;

/// <summary>
/// The live trade subscriptions of this API process and the symbol feeds they share: one grain subscription per
/// symbol however many clients follow it, dropped when its last client leaves. Enforces
/// <see cref="SubscriptionOptions.MaxSubscriptions"/>.
/// </summary>
public sealed partial class TradeFeedHub(
    IClusterClient client,
    IOptions<SubscriptionOptions> options,
    SubscriptionMetrics metrics,
    [FromKeyedServices(SubscriptionOptions.ClockKey)] TimeProvider time,
    ILogger<TradeFeedHub> logger) : IAsyncDisposable
{
    private readonly Dictionary<SymbolKey, SymbolTradeFeed> _feeds = [];
    private readonly object _gate = new();
    private int _open;
    private long _overflows;

    /// <summary>Symbols with a grain subscription in this process (for tests and diagnostics).</summary>
    public int FeedCount
    {
        get
        {
            lock (_gate)
            {
                return _feeds.Count;
            }
        }
    }

    /// <summary>Subscriptions open in this process.</summary>
    public int OpenSubscriptions => Volatile.Read(ref _open);

    /// <summary>Subscriptions ended since start because their client fell a whole buffer behind.</summary>
    public long Overflows => Interlocked.Read(ref _overflows);

    /// <summary>A new subscription, or <c>too_many_subscriptions</c> when this process serves the maximum already.</summary>
    public TradeSubscription Open()
    {
        var limit = options.Value.MaxSubscriptions;
        if (Interlocked.Increment(ref _open) > limit)
        {
            Interlocked.Decrement(ref _open);
            throw new ApiException(StatusCodes.Status429TooManyRequests, "too_many_subscriptions", $"This API instance serves {limit} subscriptions already; retry later.");
        }

        metrics.Started();
        return new TradeSubscription(this, options.Value);
    }

    internal ISymbolGrain Grain(SymbolKey symbol) => client.GetGrain<ISymbolGrain>(symbol.ToString());

    /// <summary>Adds <paramref name="listener"/> to the symbol's feed (creating it), once the grain holds the feed's subscription.</summary>
    internal async Task<SymbolTradeFeed> JoinAsync(SymbolKey symbol, TradeSubscription listener, CancellationToken cancellationToken)
    {
        SymbolTradeFeed feed;
        lock (_gate)
        {
            if (!_feeds.TryGetValue(symbol, out feed!))
            {
                feed = new SymbolTradeFeed(symbol, client, options.Value, time, logger);
                _feeds[symbol] = feed;
            }

            feed.Add(listener);
        }

        try
        {
            await feed.Ready.WaitAsync(cancellationToken);
        }
        catch (Exception) when (feed.Ready.IsFaulted)
        {
            // A feed whose grain subscription failed is not reused: the next client starts a fresh one.
            lock (_gate)
            {
                if (!_feeds.TryGetValue(symbol, out var current) || !ReferenceEquals(current, feed))
                {
                    throw;
                }

                _feeds.Remove(symbol);
            }

            _ = StopAsync(feed);
            throw;
        }

        return feed;
    }

    internal void Leave(SymbolKey symbol, TradeSubscription listener)
    {
        SymbolTradeFeed? idle = null;
        lock (_gate)
        {
            if (_feeds.TryGetValue(symbol, out var feed) && feed.Remove(listener) == 0)
            {
                _feeds.Remove(symbol);
                idle = feed;
            }
        }

        if (idle is not null)
        {
            _ = StopAsync(idle);
        }
    }

    internal void Overflowed() => Interlocked.Increment(ref _overflows);

    internal void Closed(TradeSubscription subscription)
    {
        Interlocked.Decrement(ref _open);
        metrics.Ended(subscription.Outcome);
    }

    public async ValueTask DisposeAsync()
    {
        SymbolTradeFeed[] feeds;
        lock (_gate)
        {
            feeds = [.. _feeds.Values];
            _feeds.Clear();
        }

        await Task.WhenAll(feeds.Select(StopAsync));
    }

    private async Task StopAsync(SymbolTradeFeed feed)
    {
        try
        {
            await feed.DisposeAsync();
        }
        catch (Exception exception)
        {
            LogStopFailed(exception, feed.Symbol);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Symbol}: stopping the symbol feed failed")]
    private partial void LogStopFailed(Exception exception, SymbolKey symbol);
}

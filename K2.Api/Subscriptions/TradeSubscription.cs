using System.Runtime.CompilerServices;
using System.Threading.Channels;
using K2.Api.Query;
using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Api.Subscriptions;

/// <summary>
/// One client's live subscription to some symbols. For each symbol it joins the process's shared feed (so the grain
/// already notifies this subscription), then reads the grain's window as the backfill, then forwards live batches,
/// dropping trades at or below what it has sent. Platform sequences are contiguous, so a live batch that does not
/// continue from the last sequence sent is a hole (a lost notification); it is filled from the grain's window, or,
/// when the window no longer holds the missing trades, the subscription ends with <c>subscription_gap</c> — it never
/// skips a trade silently. Live batches wait in a bounded buffer; when it is full the subscription ends with
/// <c>subscriber_too_slow</c> instead of slowing the feed or dropping trades.
/// </summary>
public sealed class TradeSubscription : IAsyncDisposable
{
    private readonly TradeFeedHub _hub;
    private readonly SubscriptionOptions _options;
    private readonly Channel<FeedEvent> _events;
    private readonly CancellationTokenSource _overflow = new();
    private readonly Dictionary<SymbolKey, SymbolTradeFeed> _feeds = [];
    private readonly List<SymbolKey> _joined = [];
    private readonly Dictionary<SymbolKey, long> _sentThrough = [];
    private int _ended;

    internal TradeSubscription(TradeFeedHub hub, SubscriptionOptions options)
    {
        _hub = hub;
        _options = options;
        _events = Channel.CreateBounded<FeedEvent>(new BoundedChannelOptions(options.BufferBatches)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Cancelled when the buffer overflowed; the stream must then end with <see cref="TooSlow"/>.</summary>
    public CancellationToken Overflowed => _overflow.Token;

    /// <summary>How long after an overflow a pending write may still complete (see <see cref="SubscriptionOptions.OverflowGrace"/>).</summary>
    public TimeSpan OverflowGrace => _options.OverflowGrace;

    /// <summary>The error code this subscription ended with, or <c>closed</c>; set by whoever ends it.</summary>
    public string Outcome { get; set; } = "closed";

    public ApiException TooSlow() => new(
        StatusCodes.Status429TooManyRequests,
        "subscriber_too_slow",
        $"More than {_options.BufferBatches} batches of live trades were waiting for this client; the subscription was ended instead of dropping trades. Subscribe again (the backfill and platform sequences let you resume).");

    /// <summary>The backfill of every symbol (in the order given), then live trades as the grains accept them.</summary>
    public async IAsyncEnumerable<SubscriptionUpdate> ReadAsync(IReadOnlyList<SymbolKey> symbols, int backfill, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(symbols);
        foreach (var symbol in symbols)
        {
            var integrity = await _hub.Grain(symbol).GetIntegrityAsync();
            if (integrity.LastIngestAt is null)
            {
                throw new ApiException(StatusCodes.Status404NotFound, "unknown_symbol", $"K2 holds no data for {symbol}.");
            }
        }

        // Join every feed before reading any backfill: from then on each batch a grain accepts reaches this
        // subscription's buffer, so whatever the backfill read misses arrives live.
        foreach (var symbol in symbols)
        {
            _joined.Add(symbol);
            _feeds[symbol] = await _hub.JoinAsync(symbol, this, cancellationToken);
        }

        foreach (var symbol in symbols)
        {
            var tail = await _feeds[symbol].Grain.GetTradesAfterAsync(0, backfill);
            _sentThrough[symbol] = tail.LastPlatformSequence;
            yield return new SubscriptionUpdate(symbol, Backfill: true, tail.Trades, tail.LastPlatformSequence);
        }

        await foreach (var feedEvent in _events.Reader.ReadAllAsync(cancellationToken))
        {
            var update = feedEvent.GrainLastSequence is { } grainLast
                ? await CatchUpAsync(feedEvent.Symbol, grainLast)
                : await ContinueAsync(feedEvent.Symbol, feedEvent.Trades);
            if (update is not null)
            {
                yield return update;
            }
        }
    }

    /// <summary>Called by a feed for every event; never blocks. A full buffer ends the subscription.</summary>
    internal void Offer(FeedEvent feedEvent)
    {
        if (!_events.Writer.TryWrite(feedEvent) && Interlocked.CompareExchange(ref _ended, 1, 0) == 0)
        {
            Outcome = "subscriber_too_slow";
            _hub.Overflowed();
            _overflow.Cancel();
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Ended from here on: a late feed event finds the buffer closed and is not mistaken for an overflow.
        Interlocked.Exchange(ref _ended, 1);
        _events.Writer.TryComplete();
        foreach (var symbol in _joined)
        {
            _hub.Leave(symbol, this);
        }

        _hub.Closed(this);
        await Task.CompletedTask;
    }

    /// <summary>A live batch: the trades above what was sent, which must start right after it.</summary>
    private async Task<SubscriptionUpdate?> ContinueAsync(SymbolKey symbol, IReadOnlyList<Trade> trades)
    {
        var sent = _sentThrough[symbol];
        var fresh = trades.Where(t => t.PlatformSequence > sent).ToList();
        if (fresh.Count == 0)
        {
            return null; // Already in the backfill or an earlier message.
        }

        if (!Continues(fresh, sent))
        {
            // A notification before this one was lost or is late: the grain's window has everything since.
            return await FillAsync(symbol, sent, fresh[^1].PlatformSequence ?? 0);
        }

        _sentThrough[symbol] = fresh[^1].PlatformSequence ?? sent;
        return new SubscriptionUpdate(symbol, Backfill: false, fresh, _sentThrough[symbol]);
    }

    /// <summary>The grain accepted trades no notification brought: read them from its window.</summary>
    private async Task<SubscriptionUpdate?> CatchUpAsync(SymbolKey symbol, long grainLast) =>
        grainLast > _sentThrough[symbol] ? await FillAsync(symbol, _sentThrough[symbol], grainLast) : null;

    private async Task<SubscriptionUpdate?> FillAsync(SymbolKey symbol, long sent, long atLeastThrough)
    {
        var tail = await _feeds[symbol].Grain.GetTradesAfterAsync(sent, _options.MaxBackfill);
        if (tail.Trades.Count == 0 ? tail.LastPlatformSequence > sent || atLeastThrough > sent : !Continues(tail.Trades, sent))
        {
            var missingFrom = sent + 1;
            throw new ApiException(
                StatusCodes.Status409Conflict,
                "subscription_gap",
                $"{symbol}: trades after platform sequence {sent} were missed and are no longer in the grain's window (at most {_options.MaxBackfill} are re-read); read them from platform sequence {missingFrom} on with GetTrades or StreamTrades, then subscribe again.");
        }

        if (tail.Trades.Count == 0)
        {
            return null;
        }

        _sentThrough[symbol] = tail.Trades[^1].PlatformSequence ?? sent;
        return new SubscriptionUpdate(symbol, Backfill: false, tail.Trades, _sentThrough[symbol]);
    }

    /// <summary>Whether <paramref name="trades"/> are exactly the sequences right after <paramref name="sent"/>.</summary>
    private static bool Continues(IReadOnlyList<Trade> trades, long sent)
    {
        for (var i = 0; i < trades.Count; i++)
        {
            if (trades[i].PlatformSequence != sent + 1 + i)
            {
                return false;
            }
        }

        return true;
    }
}

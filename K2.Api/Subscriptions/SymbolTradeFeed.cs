using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Api.Subscriptions;

/// <summary>
/// This process's one subscription to one symbol grain, shared by every client subscribed to the symbol: an
/// Orleans grain observer whose lease is renewed every <see cref="SubscriptionOptions.RenewInterval"/>. Each
/// notification is handed to every listening subscription without waiting (see <see cref="TradeSubscription.Offer"/>).
/// </summary>
internal sealed partial class SymbolTradeFeed : ITradeObserver, IAsyncDisposable
{
    private readonly IClusterClient _client;
    private readonly SubscriptionOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly ISymbolGrain _grain;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private TradeSubscription[] _listeners = [];
    private ITradeObserver? _reference;
    private Task _renewals = Task.CompletedTask;
    private long _lastNotified;

    public SymbolTradeFeed(SymbolKey symbol, IClusterClient client, SubscriptionOptions options, TimeProvider time, ILogger logger)
    {
        Symbol = symbol;
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
        _grain = client.GetGrain<ISymbolGrain>(symbol.ToString());
        Ready = SubscribeAsync();
    }

    public SymbolKey Symbol { get; }

    /// <summary>Completes once the grain holds the subscription; a listener reads its backfill only after that.</summary>
    public Task Ready { get; }

    public ISymbolGrain Grain => _grain;

    /// <summary>Adds a listener; returns how many there are now.</summary>
    public int Add(TradeSubscription listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners, listener];
            return _listeners.Length;
        }
    }

    /// <summary>Removes a listener; returns how many remain.</summary>
    public int Remove(TradeSubscription listener)
    {
        lock (_gate)
        {
            _listeners = [.. _listeners.Where(l => !ReferenceEquals(l, listener))];
            return _listeners.Length;
        }
    }

    public Task OnTradesAccepted(IReadOnlyList<Trade> trades)
    {
        ArgumentNullException.ThrowIfNull(trades);
        if (trades.Count > 0)
        {
            RaiseLastNotified(trades[^1].PlatformSequence ?? 0);
        }

        Broadcast(FeedEvent.Batch(Symbol, trades));
        return Task.CompletedTask;
    }

    /// <summary>Ends the grain subscription (best effort: an unsubscribe that fails simply lets the lease expire).</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await Ready;
        }
        catch (Exception)
        {
            // The subscribe call failed (the caller saw why); the grain may still hold it, so unsubscribe anyway.
        }

        await _stop.CancelAsync();
        await _renewals;
        _stop.Dispose();
        if (_reference is null)
        {
            return;
        }

        try
        {
            await _grain.UnsubscribeTradesAsync(_reference);
        }
        catch (Exception exception)
        {
            LogUnsubscribeFailed(exception, Symbol);
        }
        finally
        {
            _client.DeleteObjectReference<ITradeObserver>(this);
        }
    }

    private async Task SubscribeAsync()
    {
        _reference = _client.CreateObjectReference<ITradeObserver>(this);
        RaiseLastNotified(await _grain.SubscribeTradesAsync(_reference, _options.Lease));
        _renewals = RenewAsync(_reference, _stop.Token);
    }

    private async Task RenewAsync(ITradeObserver reference, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(_options.RenewInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                try
                {
                    var last = await _grain.SubscribeTradesAsync(reference, _options.Lease);
                    if (last > Interlocked.Read(ref _lastNotified))
                    {
                        // Accepted trades this feed was never told about: lost notifications, or a re-activated grain
                        // that forgot the subscription. Each listener re-reads what it misses from the grain's window.
                        LogGrainAhead(Symbol, last, Interlocked.Read(ref _lastNotified));
                        RaiseLastNotified(last);
                        Broadcast(FeedEvent.GrainAhead(Symbol, last));
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogRenewFailed(exception, Symbol);
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped: the last listener left.
        }
    }

    private void Broadcast(FeedEvent feedEvent)
    {
        foreach (var listener in Volatile.Read(ref _listeners))
        {
            listener.Offer(feedEvent);
        }
    }

    private void RaiseLastNotified(long sequence)
    {
        var current = Interlocked.Read(ref _lastNotified);
        while (sequence > current)
        {
            var seen = Interlocked.CompareExchange(ref _lastNotified, sequence, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Symbol}: grain subscription renewal failed; retrying at the next interval")]
    private partial void LogRenewFailed(Exception exception, SymbolKey symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Symbol}: the grain is at platform sequence {GrainLast}, notifications reached {Notified}; subscribers re-read the window")]
    private partial void LogGrainAhead(SymbolKey symbol, long grainLast, long notified);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol}: unsubscribing from the grain failed; its lease will expire")]
    private partial void LogUnsubscribeFailed(Exception exception, SymbolKey symbol);
}

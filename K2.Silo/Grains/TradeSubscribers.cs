using K2.Contracts.Grains;
using K2.Contracts.Model;
using Orleans.Utilities;

namespace K2.Silo.Grains;

/// <summary>
/// The observers of one symbol grain's accepted trades (in practice one per API process, however many clients it
/// serves). Memory only: a subscription is a lease the subscriber renews; an expired one, or one whose observer
/// cannot be called, is dropped. After a grain re-activation the set starts empty and subscribers come back with
/// their next renewal, learning from its answer that they may have missed trades.
/// </summary>
internal sealed class TradeSubscribers(TimeProvider time, ILogger logger)
{
    // Created on the first subscription: most symbol grains never have a subscriber, and an idle grain should not
    // carry an observer manager (its dictionary and delegates) for nothing.
    private ObserverManager<ITradeObserver>? _observers;

    public bool Any => _observers is { Count: > 0 };

    public void Subscribe(ITradeObserver observer, TimeSpan lease)
    {
        ArgumentNullException.ThrowIfNull(observer);
        if (lease <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lease), lease, "A subscription lease must be positive.");
        }

        _observers ??= new ObserverManager<ITradeObserver>(lease, logger) { GetDateTime = () => time.GetUtcNow().UtcDateTime };

        // One lease for the whole set: every API process renews with the same configured lease.
        _observers.ExpirationDuration = lease;
        _observers.Subscribe(observer, observer);
    }

    public void Unsubscribe(ITradeObserver observer) => _observers?.Unsubscribe(observer);

    public void Notify(IReadOnlyList<Trade> accepted) =>
        _observers?.Notify(observer => observer.OnTradesAccepted(accepted));
}

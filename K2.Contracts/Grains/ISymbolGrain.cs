using K2.Contracts.Model;
using Orleans.Concurrency;

namespace K2.Contracts.Grains;

/// <summary>
/// One grain per <c>(exchange, symbol)</c>, keyed by <see cref="SymbolKey"/>. It owns the symbol's sequence
/// integrity and its hot window of recent trades. Trades arrive a batch per call, never one call per trade.
/// </summary>
public interface ISymbolGrain : IGrainWithStringKey
{
    /// <summary>Classifies each trade, keeps the accepted ones, and persists the integrity state before returning.</summary>
    ValueTask<IngestResult> IngestAsync(TradeBatch batch);

    /// <summary>Persists the grain's state as the checkpoint a flush is about to commit (see <see cref="FlushCheckpoint"/>).</summary>
    ValueTask PrepareFlushAsync(FlushCheckpoint checkpoint);

    /// <summary>Moves the flushed watermark once the flush prepared at the same offset is committed.</summary>
    ValueTask ConfirmFlushAsync(FlushConfirmation confirmation);

    [AlwaysInterleave]
    ValueTask<IntegritySummary> GetIntegrityAsync();

    /// <summary>The newest accepted trades (newest first), at most <paramref name="limit"/>.</summary>
    [AlwaysInterleave]
    ValueTask<IReadOnlyList<Trade>> GetRecentTradesAsync(int limit);

    /// <summary>The accepted trades not yet known to be in the lakehouse, with the watermark that splits hot from cold.</summary>
    [AlwaysInterleave]
    ValueTask<HotTradeSlice> GetHotTradesAsync();

    /// <summary>
    /// Subscribes <paramref name="observer"/> to every batch of accepted trades, or renews its subscription; it
    /// expires unless renewed within <paramref name="lease"/>. Returns the grain's last platform sequence at that
    /// instant, so a renewing subscriber can tell that notifications were lost (e.g. across a grain re-activation).
    /// </summary>
    ValueTask<long> SubscribeTradesAsync(ITradeObserver observer, TimeSpan lease);

    ValueTask UnsubscribeTradesAsync(ITradeObserver observer);

    /// <summary>The newest accepted trades above <paramref name="platformSequence"/> still in the window (at most <paramref name="limit"/>), oldest first.</summary>
    [AlwaysInterleave]
    ValueTask<TradeTail> GetTradesAfterAsync(long platformSequence, int limit);
}

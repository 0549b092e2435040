using K2.Contracts.Model;
using Orleans.Concurrency;

namespace K2.Contracts.Grains;

/// <summary>
/// One grain per <c>(exchange, symbol)</c>, keyed by <see cref="SymbolKey"/>. It owns the symbol's sequence
/// integrity and its hot windows of recent trades and quotes. Records arrive a batch per call, never one call per trade.
/// </summary>
public interface ISymbolGrain : IGrainWithStringKey
{
    /// <summary>Classifies each trade, keeps the accepted ones, and persists the integrity state before returning.</summary>
    ValueTask<IngestResult> IngestAsync(TradeBatch batch);

    /// <summary>
    /// Validates each quote, drops duplicates by message id, numbers and keeps the accepted ones. Same contract as
    /// <see cref="IngestAsync"/> (one <see cref="IngestResult"/> entry per quote, resync on a broken continuity), over the
    /// grain's quote log, which is checkpointed apart from its trades.
    /// </summary>
    ValueTask<IngestResult> IngestQuotesAsync(QuoteBatch batch);

    /// <summary>
    /// Records the grain's state, in memory, as the checkpoint a flush is about to commit (see
    /// <see cref="FlushCheckpoint"/>), or refuses when the grain does not hold everything the consumer sent it. A consumer cuts every grain it fed before it sends any of them a later batch, so each cut
    /// holds exactly the flush's records, and persists the cuts (<see cref="PersistFlushAsync"/>) while later batches flow.
    /// </summary>
    ValueTask<FlushPreparation> CutFlushAsync(FlushCheckpoint checkpoint);

    /// <summary>
    /// Persists the checkpoint <see cref="CutFlushAsync"/> recorded
    /// at the same offsets as the state storage holds; refuses when this activation holds no such cut (it was
    /// re-activated since), because then the commit must not happen. Interleaves with the grain's other calls, so
    /// batches keep reaching the grain while the write is in flight (they change the live state, not the cut).
    /// </summary>
    [AlwaysInterleave]
    ValueTask<FlushPreparation> PersistFlushAsync(FlushCheckpoint checkpoint);

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

    /// <summary>The accepted quotes not yet known to be in the lakehouse, with the quote watermark.</summary>
    [AlwaysInterleave]
    ValueTask<HotQuoteSlice> GetHotQuotesAsync();

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

using K2.Contracts.Avro;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Silo.HotWindow;
using K2.Silo.Integrity;
using K2.Silo.Persistence;
using Microsoft.Extensions.Options;
using Orleans.Core;
using Orleans.Serialization;
using Orleans.Storage;

namespace K2.Silo.Grains;

/// <summary>
/// The grain of one <c>(exchange, symbol)</c>: classifies each batch of trades against the symbol's sequence history
/// and each batch of quotes against its recent message ids, and keeps the accepted ones in hot windows. Trades and
/// quotes are two logs (<see cref="LogStream{TState, TRecord, TSlot}"/>), each with its own state, checkpoints and watermark.
/// Batches read from Kafka are persisted at flush checkpoints (see docs/architecture.md, "Exactly once"): the state a
/// lakehouse commit covers is written before that commit, and a consumer replaying from the table's offsets rolls the
/// log back to exactly that state. Batches handed in directly (not from the log) are persisted before the call returns.
/// </summary>
public sealed partial class SymbolGrain(
    IOptions<IntegrityOptions> integrityOptions,
    SessionCalendars calendars,
    IOptions<HotWindowOptions> hotWindowOptions,
    DeepCopier<SymbolIntegrityState> copier,
    DeepCopier<QuoteLogState> quoteCopier,
    TimeProvider time,
    ILogger<SymbolGrain> logger) : Grain, ISymbolGrain, ILogStreamOwner<SymbolIntegrityState>, ILogStreamOwner<QuoteLogState>
{
    private SymbolKey _key;
    private SequenceTracker _tracker = null!;
    private QuoteTracker _quoteTracker = null!;
    private LogStream<SymbolIntegrityState, Trade, HotTrade> _trades = null!;

    // Created by the first subscription: most symbol grains never have a subscriber.
    private TradeSubscribers? _subscribers;
    private readonly RepeatedValues _tradeValues = new();

    // The quote state is read from storage by the first call that needs it, and the quote log built over it by the
    // first call that works on quotes (see QuotesAsync): most symbols never see a quote (Binance has no quote feed),
    // and an idle grain should carry neither a second persistent state nor a second log's window, tracker and
    // checkpoints for nothing (nor pay a second storage read at activation).
    private Task<IStorage<QuoteLogState>>? _quoteStateRead;
    private LogStream<QuoteLogState, Quote, HotQuote>? _quotes;
    private RepeatedValues? _quoteValues;

    /// <summary>
    /// Reads the integrity state (what <c>[PersistentState("integrity", ...)]</c> read before: the same state name and
    /// storage, so rows written either way are the same rows) through a storage bridge of the grain's own rather than
    /// Orleans' persistent-state facet: the facet joins the grain's lifecycle and migration (a lifecycle with its
    /// observer lists, a callback, a migration-participant list: ~350 B per activation, see docs/benchmarks.md
    /// "Session 9"), and a symbol grain needs neither: it reads its state once here and a migrated activation reads it
    /// again from storage, which holds every state the grain has confirmed.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = SymbolKey.Parse(this.GetPrimaryKeyString());
        var state = new StateStorageBridge<SymbolIntegrityState>(
            IntegrityStateName, GrainContext, ServiceProvider.GetRequiredKeyedService<IGrainStorage>(K2StorageNames.Symbols));
        await state.ReadStateAsync();
        _trades = new LogStream<SymbolIntegrityState, Trade, HotTrade>(
            _key, "trade", state, copier, hotWindowOptions.Value, this, logger);
    }

    void ILogStreamOwner<SymbolIntegrityState>.Attach(SymbolIntegrityState live) =>
        _tracker = new SequenceTracker(live, integrityOptions.Value, calendars.For(_key.Exchange));

    void ILogStreamOwner<QuoteLogState>.Attach(QuoteLogState live) => _quoteTracker = new QuoteTracker(live, integrityOptions.Value);

    void ILogStreamOwner<SymbolIntegrityState>.DeactivateOnIdle() => DeactivateOnIdle();

    void ILogStreamOwner<QuoteLogState>.DeactivateOnIdle() => DeactivateOnIdle();

    /// <summary>
    /// The quote log, created on first use over the quote state as storage holds it: created later than activation, it
    /// starts from exactly the state (and checkpoints) it would have started from then, because only its own calls
    /// change that state.
    /// </summary>
    private async ValueTask<LogStream<QuoteLogState, Quote, HotQuote>> QuotesAsync()
    {
        if (_quotes is { } quotes)
        {
            return quotes;
        }

        var storage = await QuoteStateAsync();
        return _quotes ??= new LogStream<QuoteLogState, Quote, HotQuote>(
            _key, "quote", storage, quoteCopier, hotWindowOptions.Value, this, logger);
    }

    /// <summary>
    /// The quote state (what <c>[PersistentState("quotes", ...)]</c> read at activation before: the same state name and
    /// storage, so rows written either way are the same rows), read once per activation by the first call that needs
    /// it. Interleaved readers share the one read; a failed read is not kept, the next call tries again.
    /// </summary>
    private async ValueTask<IStorage<QuoteLogState>> QuoteStateAsync()
    {
        var read = _quoteStateRead ??= ReadQuoteStateAsync();
        try
        {
            return await read;
        }
        catch
        {
            if (ReferenceEquals(_quoteStateRead, read))
            {
                _quoteStateRead = null;
            }

            throw;
        }
    }

    private async Task<IStorage<QuoteLogState>> ReadQuoteStateAsync()
    {
        var storage = new StateStorageBridge<QuoteLogState>(
            QuoteStateName, GrainContext, ServiceProvider.GetRequiredKeyedService<IGrainStorage>(K2StorageNames.Symbols));
        await storage.ReadStateAsync();
        return storage;
    }

    public async ValueTask<IngestResult> IngestAsync(TradeBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var log = LogBatch.From(batch);
        if (log is not null && _trades.Position(log) is { } resync)
        {
            return IngestResult.Resync(resync);
        }

        var now = time.GetUtcNow();
        var tally = new BatchTally(batch.Trades.Count);
        var accepted = _subscribers is { Any: true } ? new List<Trade>() : null;
        for (var i = 0; i < batch.Trades.Count; i++)
        {
            var trade = batch.Trades[i];
            if (log is not null && !_trades.TryApply(log, batch.Positions[i].Offset))
            {
                tally.CountAlreadyApplied();
                continue;
            }

            if (TradeValidator.Validate(trade, _key) is { } reason)
            {
                _tracker.CountRejected();
                tally.Reject(new TradeRejection(trade.MessageId, trade.TradeId, reason));
                continue;
            }

            var verdict = _tracker.Track(trade, now, out var platformSequence, out var newGap);
            tally.Count(verdict, newGap);
            if (verdict.IsAccepted())
            {
                tally.Accept(i, platformSequence);
                // The grain key's strings and the values the previous trade carried instead of each batch's copies: a
                // hot window of thousands of trades then holds one exchange, symbol, currency and vendor-data map,
                // not one per trade (same text, ordinal).
                var stamped = trade with
                {
                    PlatformSequence = platformSequence,
                    Exchange = SameText(trade.Exchange, _key.Exchange),
                    Symbol = SameText(trade.Symbol, _key.Symbol),
                    Currency = _tradeValues.Currency(trade.Currency),
                    TradeConditions = _tradeValues.Conditions(trade.TradeConditions),
                    VendorData = _tradeValues.VendorData(trade.VendorData),
                };
                _trades.Window.Add(stamped);
                accepted?.Add(stamped);
            }
        }

        _trades.State.LastIngestAt = now;
        if (log is null)
        {
            await _trades.PersistAsync();
        }

        if (tally.NewGaps.Count > 0)
        {
            LogGapsDetected(_key, tally.NewGaps);
        }

        // After the trades are in the window (and persisted, for direct batches): a subscriber that reads the window
        // after registering sees each trade there or in this notification, possibly both, never neither.
        if (accepted is { Count: > 0 })
        {
            _subscribers?.Notify(accepted);
        }

        return tally.ToResult();
    }

    public async ValueTask<IngestResult> IngestQuotesAsync(QuoteBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var quotes = await QuotesAsync();
        var values = _quoteValues ??= new RepeatedValues();
        var log = LogBatch.From(batch);
        if (log is not null && quotes.Position(log) is { } resync)
        {
            return IngestResult.Resync(resync);
        }

        var tally = new BatchTally(batch.Quotes.Count);
        for (var i = 0; i < batch.Quotes.Count; i++)
        {
            var quote = batch.Quotes[i];
            if (log is not null && !quotes.TryApply(log, batch.Positions[i].Offset))
            {
                tally.CountAlreadyApplied();
                continue;
            }

            if (QuoteValidator.Validate(quote, _key) is { } reason)
            {
                _quoteTracker.CountRejected();
                tally.Reject(new TradeRejection(quote.MessageId, quote.QuoteId, reason));
                continue;
            }

            var verdict = _quoteTracker.Track(quote, out var platformSequence);
            tally.Count(verdict, newGap: null);
            if (verdict.IsAccepted())
            {
                tally.Accept(i, platformSequence);
                quotes.Window.Add(quote with
                {
                    PlatformSequence = platformSequence,
                    Exchange = SameText(quote.Exchange, _key.Exchange),
                    Symbol = SameText(quote.Symbol, _key.Symbol),
                    Currency = values.Currency(quote.Currency),
                    VendorData = values.VendorData(quote.VendorData),
                });
            }
        }

        quotes.State.LastIngestAt = time.GetUtcNow();
        if (log is null)
        {
            await quotes.PersistAsync();
        }

        return tally.ToResult();
    }

    public async ValueTask<FlushPreparation> CutFlushAsync(FlushCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return checkpoint.Kind == MarketDataRecordType.Quote ? (await QuotesAsync()).Cut(checkpoint) : _trades.Cut(checkpoint);
    }

    public async ValueTask<FlushPreparation> PersistFlushAsync(FlushCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return await (checkpoint.Kind == MarketDataRecordType.Quote ? (await QuotesAsync()).PersistCutAsync(checkpoint) : _trades.PersistCutAsync(checkpoint));
    }

    public async ValueTask ConfirmFlushAsync(FlushConfirmation confirmation)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        if (confirmation.Kind == MarketDataRecordType.Quote)
        {
            (await QuotesAsync()).Confirm(confirmation);
        }
        else
        {
            _trades.Confirm(confirmation);
        }
    }

    public async ValueTask<IntegritySummary> GetIntegrityAsync()
    {
        // A grain that has not built its quote log answers from the quote state storage holds: without a log nothing
        // changed it since it was read. With a log, the log's live state (storage holds the flush's cut while that is
        // written).
        var quotes = _quotes?.State ?? (await QuoteStateAsync()).State;
        var summary = _trades.State.ToSummary(_key);

        // The last ingest of either log: a symbol that has only quotes is still a symbol K2 holds.
        var lastIngest = new[] { summary.LastIngestAt, quotes.LastIngestAt }.Max();
        return summary with { Quotes = QuoteTracker.Summarize(quotes), LastIngestAt = lastIngest };
    }

    public ValueTask<IReadOnlyList<Trade>> GetRecentTradesAsync(int limit) =>
        ValueTask.FromResult(_trades.Window.Latest(limit));

    public ValueTask<HotTradeSlice> GetHotTradesAsync() =>
        ValueTask.FromResult(new HotTradeSlice
        {
            FlushedSnapshotId = _trades.FlushedSnapshotId,
            FlushedThroughSequence = _trades.Window.FlushedThrough,
            Trades = _trades.Window.Unflushed(),
            NewestColdTime = _trades.NewestNotHot,
        });

    public ValueTask<long> SubscribeTradesAsync(ITradeObserver observer, TimeSpan lease)
    {
        (_subscribers ??= new TradeSubscribers(time, logger)).Subscribe(observer, lease);
        return ValueTask.FromResult(_trades.State.LastPlatformSequence);
    }

    public ValueTask UnsubscribeTradesAsync(ITradeObserver observer)
    {
        _subscribers?.Unsubscribe(observer);
        return ValueTask.CompletedTask;
    }

    public ValueTask<TradeTail> GetTradesAfterAsync(long platformSequence, int limit) =>
        ValueTask.FromResult(new TradeTail
        {
            LastPlatformSequence = _trades.State.LastPlatformSequence,
            Trades = _trades.Window.After(platformSequence, limit),
        });

    public async ValueTask<HotQuoteSlice> GetHotQuotesAsync()
    {
        // No quote call in this activation yet: read the persisted quote state (once) rather than build a log for a read.
        var persisted = _quotes is null ? (await QuoteStateAsync()).State : null;
        if (_quotes is { } quotes)
        {
            return new HotQuoteSlice
            {
                FlushedSnapshotId = quotes.FlushedSnapshotId,
                FlushedThroughSequence = quotes.Window.FlushedThrough,
                Quotes = quotes.Window.Unflushed(),
            };
        }

        // What a quote log created now would answer: nothing hot, everything persisted counted as flushed.
        return new HotQuoteSlice { FlushedSnapshotId = null, FlushedThroughSequence = persisted!.LastPlatformSequence, Quotes = [] };
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol}: new sequence gap(s) {Gaps}")]
    private partial void LogGapsDetected(SymbolKey symbol, IReadOnlyList<SequenceGap> gaps);

    private const string IntegrityStateName = "integrity";

    private const string QuoteStateName = "quotes";

    private static string SameText(string value, string shared) => string.Equals(value, shared, StringComparison.Ordinal) ? shared : value;
}

using K2.Contracts.Avro;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Silo.HotWindow;
using K2.Silo.Integrity;
using K2.Silo.Persistence;
using Orleans.Core;
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
public sealed partial class SymbolGrain(SymbolGrainServices services)
    : Grain, ISymbolGrain, ILogStreamOwner<SymbolIntegrityState>, ILogStreamOwner<QuoteLogState>
{
    private SymbolKey _key;
    private SequenceTracker _tracker;

    // The integrity state is read, and the trade log built over it, by the first call (see TradesAsync), not in
    // OnActivateAsync: an activation whose OnActivateAsync completes asynchronously keeps a delegate (64 B) in Orleans'
    // message loop for as long as it lives, and every symbol grain's did (a storage read).
    // The trade log once built, or its read while that runs: one field, since a grain needs the read only until the log
    // exists (8 B per idle grain).
    private object? _tradeLog;

    // Created by the first subscription: most symbol grains never have a subscriber.
    private TradeSubscribers? _subscribers;
    private RepeatedValues _tradeValues;

    // The quote state is read from storage by the first call that needs it, and the quote log built over it by the
    // first call that works on quotes (see QuotesAsync): most symbols never see a quote (Binance has no quote feed),
    // and an idle grain should carry neither a second persistent state nor a second log's window, tracker and
    // checkpoints for nothing (nor pay a second storage read at activation). Null until then.
    private QuoteSide? _quoteSide;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var key = SymbolKey.Parse(this.GetPrimaryKeyString());

        // The exchange's name as its shared calendar holds it: one string for all of the exchange's grains instead of a
        // copy parsed out of each grain's key (~40 B per grain).
        _key = new SymbolKey(services.Calendars.For(key.Exchange).Exchange, key.Symbol);
        return Task.CompletedTask;
    }

    /// <summary>The hot windows' records go with the activation, and their shares of the silo's budget with them.</summary>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        (_tradeLog as LogStream<SymbolIntegrityState, Trade, HotTrade>)?.Release();
        _quoteSide?.Log?.Release();
        return Task.CompletedTask;
    }

    SymbolKey ILogStreamOwner<SymbolIntegrityState>.Key => _key;

    SymbolKey ILogStreamOwner<QuoteLogState>.Key => _key;

    void ILogStreamOwner<SymbolIntegrityState>.Attach(SymbolIntegrityState live) =>
        _tracker = new SequenceTracker(live, services.Integrity, services.Calendars.For(_key.Exchange));

    void ILogStreamOwner<QuoteLogState>.Attach(QuoteLogState live) => Quotes.Tracker = new QuoteTracker(live, services.Integrity);

    void ILogStreamOwner<SymbolIntegrityState>.DeactivateOnIdle() => DeactivateOnIdle();

    void ILogStreamOwner<QuoteLogState>.DeactivateOnIdle() => DeactivateOnIdle();

    /// <summary>
    /// The trade log, built once per activation over the integrity state storage holds (what
    /// <c>[PersistentState("integrity", ...)]</c> read at activation before: the same state name and storage, so rows
    /// written either way are the same rows). Interleaved callers share the one read; a failed read is not kept, the
    /// next call reads again. Read through a storage bridge of the grain's own rather than Orleans' persistent-state
    /// facet: the facet joins the grain's lifecycle and migration (~350 B per activation, docs/benchmarks.md
    /// "Session 9"), and a migrated activation reads its state again from storage, which holds every state the grain
    /// has confirmed.
    /// </summary>
    private ValueTask<LogStream<SymbolIntegrityState, Trade, HotTrade>> TradesAsync()
    {
        if (_tradeLog is LogStream<SymbolIntegrityState, Trade, HotTrade> trades)
        {
            return ValueTask.FromResult(trades);
        }

        if (_tradeLog is Task<LogStream<SymbolIntegrityState, Trade, HotTrade>> reading)
        {
            return new ValueTask<LogStream<SymbolIntegrityState, Trade, HotTrade>>(reading);
        }

        var read = ReadTradesAsync();

        // Kept for interleaved callers only while it runs (ReadTradesAsync clears it when it ends): a read that ended
        // already has either built the log or failed, and a failed one must not be handed to the next call.
        if (!read.IsCompleted)
        {
            _tradeLog = read;
        }

        return new ValueTask<LogStream<SymbolIntegrityState, Trade, HotTrade>>(read);
    }

    private async Task<LogStream<SymbolIntegrityState, Trade, HotTrade>> ReadTradesAsync()
    {
        try
        {
            var storage = await ReadStateAsync(services.Trades);
            var trades = new LogStream<SymbolIntegrityState, Trade, HotTrade>(services.Trades, storage, this);
            _tradeLog = trades;
            return trades;
        }
        finally
        {
            if (_tradeLog is Task)
            {
                _tradeLog = null;
            }
        }
    }

    /// <summary>
    /// The quote log, created on first use over the quote state as storage holds it: created later than activation, it
    /// starts from exactly the state (and checkpoints) it would have started from then, because only its own calls
    /// change that state.
    /// </summary>
    private async ValueTask<LogStream<QuoteLogState, Quote, HotQuote>> QuotesAsync()
    {
        if (_quoteSide?.Log is { } quotes)
        {
            return quotes;
        }

        var storage = await QuoteStateAsync();
        return Quotes.Log ??= new LogStream<QuoteLogState, Quote, HotQuote>(services.Quotes, storage, this);
    }

    private QuoteSide Quotes => _quoteSide ??= new QuoteSide();

    /// <summary>
    /// The quote state (what <c>[PersistentState("quotes", ...)]</c> read at activation before: the same state name and
    /// storage, so rows written either way are the same rows), read once per activation by the first call that needs
    /// it. Interleaved readers share the one read; a failed read is not kept, the next call tries again.
    /// </summary>
    private async ValueTask<IStorage<QuoteLogState>> QuoteStateAsync()
    {
        var side = Quotes;
        var read = side.StateRead ??= ReadStateAsync(services.Quotes);
        try
        {
            return await read;
        }
        catch
        {
            if (ReferenceEquals(side.StateRead, read))
            {
                side.StateRead = null;
            }

            throw;
        }
    }

    /// <summary>A log's state as storage holds it, its message-id ring rebuilt from its base row if it is stored against one.</summary>
    private async Task<IStorage<TState>> ReadStateAsync<TState>(LogKind<TState> kind)
        where TState : class, ILogState<TState>
    {
        var storage = OpenState<TState>(kind.StateName);
        await storage.ReadStateAsync();
        await MessageIdRingBases.ResolveAsync(storage.State, this, kind.StateName, _key, kind.Logger);
        return storage;
    }

    IStorage<TRow> IMessageIdRingBaseRows.OpenRow<TRow>(string name) => OpenState<TRow>(name);

    private StateStorageBridge<TState> OpenState<TState>(string name) =>
        new(name, GrainContext, ServiceProvider.GetRequiredKeyedService<IGrainStorage>(K2StorageNames.Symbols));

    public async ValueTask<IngestResult> IngestAsync(TradeBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var trades = await TradesAsync();
        var log = LogBatch.From(batch);
        if (log is not null && trades.Position(log) is { } resync)
        {
            return IngestResult.Resync(resync);
        }

        var now = services.Time.GetUtcNow();
        var tally = new BatchTally(batch.Trades.Count);
        var accepted = _subscribers is { Any: true } ? new List<Trade>() : null;
        for (var i = 0; i < batch.Trades.Count; i++)
        {
            var trade = batch.Trades[i];
            if (log is not null && !trades.TryApply(log, batch.Positions[i].Offset))
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
                trades.Window.Add(stamped);
                accepted?.Add(stamped);
            }
        }

        trades.State.LastIngestAt = now;
        if (log is null)
        {
            await trades.PersistAsync();
        }

        if (tally.NewGaps.Count > 0)
        {
            LogGapsDetected(services.Logger, _key, tally.NewGaps);
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
        var side = Quotes;
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
                side.Tracker.CountRejected();
                tally.Reject(new TradeRejection(quote.MessageId, quote.QuoteId, reason));
                continue;
            }

            var verdict = side.Tracker.Track(quote, out var platformSequence);
            tally.Count(verdict, newGap: null);
            if (verdict.IsAccepted())
            {
                tally.Accept(i, platformSequence);
                quotes.Window.Add(quote with
                {
                    PlatformSequence = platformSequence,
                    Exchange = SameText(quote.Exchange, _key.Exchange),
                    Symbol = SameText(quote.Symbol, _key.Symbol),
                    Currency = side.Values.Currency(quote.Currency),
                    VendorData = side.Values.VendorData(quote.VendorData),
                });
            }
        }

        quotes.State.LastIngestAt = services.Time.GetUtcNow();
        if (log is null)
        {
            await quotes.PersistAsync();
        }

        return tally.ToResult();
    }

    public async ValueTask<FlushPreparation> CutFlushAsync(FlushCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return checkpoint.Kind == MarketDataRecordType.Quote ? (await QuotesAsync()).Cut(checkpoint) : (await TradesAsync()).Cut(checkpoint);
    }

    public async ValueTask<FlushPreparation> PersistFlushAsync(FlushCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return await (checkpoint.Kind == MarketDataRecordType.Quote ? (await QuotesAsync()).PersistCutAsync(checkpoint) : (await TradesAsync()).PersistCutAsync(checkpoint));
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
            (await TradesAsync()).Confirm(confirmation);
        }
    }

    public async ValueTask<IntegritySummary> GetIntegrityAsync()
    {
        // A grain that has not built its quote log answers from the quote state storage holds: without a log nothing
        // changed it since it was read. With a log, the log's live state (storage holds the flush's cut while that is
        // written).
        var quotes = _quoteSide?.Log?.State ?? (await QuoteStateAsync()).State;
        var summary = (await TradesAsync()).State.ToSummary(_key);

        // The last ingest of either log: a symbol that has only quotes is still a symbol K2 holds.
        var lastIngest = new[] { summary.LastIngestAt, quotes.LastIngestAt }.Max();
        return summary with { Quotes = QuoteTracker.Summarize(quotes), LastIngestAt = lastIngest };
    }

    public async ValueTask<IReadOnlyList<Trade>> GetRecentTradesAsync(int limit) => (await TradesAsync()).Window.Latest(limit);

    public async ValueTask<HotTradeSlice> GetHotTradesAsync()
    {
        var trades = await TradesAsync();
        return new HotTradeSlice
        {
            FlushedSnapshotId = trades.FlushedSnapshotId,
            FlushedThroughSequence = trades.Window.FlushedThrough,
            Trades = trades.Window.Unflushed(),
            NewestColdTime = trades.NewestNotHot,
        };
    }

    public async ValueTask<long> SubscribeTradesAsync(ITradeObserver observer, TimeSpan lease)
    {
        var trades = await TradesAsync();
        (_subscribers ??= new TradeSubscribers(services.Time, services.Logger)).Subscribe(observer, lease);
        return trades.State.LastPlatformSequence;
    }

    public ValueTask UnsubscribeTradesAsync(ITradeObserver observer)
    {
        _subscribers?.Unsubscribe(observer);
        return ValueTask.CompletedTask;
    }

    public async ValueTask<TradeTail> GetTradesAfterAsync(long platformSequence, int limit)
    {
        var trades = await TradesAsync();
        return new TradeTail
        {
            LastPlatformSequence = trades.State.LastPlatformSequence,
            Trades = trades.Window.After(platformSequence, limit),
        };
    }

    public async ValueTask<HotQuoteSlice> GetHotQuotesAsync()
    {
        // No quote call in this activation yet: read the persisted quote state (once) rather than build a log for a read.
        var persisted = _quoteSide?.Log is null ? (await QuoteStateAsync()).State : null;
        if (_quoteSide?.Log is { } quotes)
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
    private static partial void LogGapsDetected(ILogger logger, SymbolKey symbol, IReadOnlyList<SequenceGap> gaps);

    private static string SameText(string value, string shared) => string.Equals(value, shared, StringComparison.Ordinal) ? shared : value;
}

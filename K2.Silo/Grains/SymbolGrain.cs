using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Silo.HotWindow;
using K2.Silo.Integrity;
using K2.Silo.Persistence;
using Microsoft.Extensions.Options;

namespace K2.Silo.Grains;

/// <summary>
/// The grain of one <c>(exchange, symbol)</c>: classifies each batch against the symbol's sequence history,
/// keeps accepted trades in the hot window, and persists the integrity state before acknowledging the batch.
/// </summary>
public sealed partial class SymbolGrain(
    [PersistentState("integrity", K2StorageNames.Symbols)] IPersistentState<SymbolIntegrityState> state,
    IOptions<IntegrityOptions> integrityOptions,
    IOptions<HotWindowOptions> hotWindowOptions,
    TimeProvider time,
    ILogger<SymbolGrain> logger) : Grain, ISymbolGrain
{
    private SymbolKey _key;
    private SequenceTracker _tracker = null!;
    private HotTradeWindow _hotWindow = null!;
    private AppliedOffsets _applied = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = SymbolKey.Parse(this.GetPrimaryKeyString());
        _tracker = new SequenceTracker(state.State, integrityOptions.Value, _key.Exchange);
        _hotWindow = new HotTradeWindow(hotWindowOptions.Value);
        _applied = new AppliedOffsets(state.State);
        return Task.CompletedTask;
    }

    public async ValueTask<IngestResult> IngestAsync(TradeBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var positions = LogPositions(batch);
        var now = time.GetUtcNow();
        var tally = new BatchTally();

        for (var i = 0; i < batch.Trades.Count; i++)
        {
            var trade = batch.Trades[i];
            if (positions is not null)
            {
                // A redelivery: its verdict was decided and persisted by an earlier call; deciding again would
                // count it twice (or as its own duplicate).
                if (_applied.IsApplied(batch.Topic!, positions[i]))
                {
                    tally.CountAlreadyApplied();
                    continue;
                }

                _applied.MarkApplied(batch.Topic!, positions[i]);
            }

            if (TradeValidator.Validate(trade, _key) is { } reason)
            {
                _tracker.CountRejected();
                tally.Reject(new TradeRejection(trade.MessageId, trade.TradeId, reason));
                continue;
            }

            var verdict = _tracker.Track(trade, now, out var platformSequence, out var newGap);
            tally.Count(verdict, newGap);
            if (IsAccepted(verdict))
            {
                _hotWindow.Add(trade with { PlatformSequence = platformSequence });
            }
        }

        state.State.LastIngestAt = now;
        await PersistAsync();
        if (tally.NewGaps.Count > 0)
        {
            LogGapsDetected(_key, tally.NewGaps);
        }

        return tally.ToResult();
    }

    public ValueTask<IntegritySummary> GetIntegrityAsync() => ValueTask.FromResult(state.State.ToSummary(_key));

    public ValueTask<IReadOnlyList<Trade>> GetRecentTradesAsync(int limit) =>
        ValueTask.FromResult(_hotWindow.Latest(limit));

    public ValueTask<HotTradeSlice> GetHotTradesAsync()
    {
        // Until the consumer confirms flushes to grains nothing is known to be committed: everything is hot.
        var newestFirst = _hotWindow.Latest(_hotWindow.Count);
        return ValueTask.FromResult(new HotTradeSlice { Trades = [.. newestFirst.Reverse()] });
    }

    private static IReadOnlyList<TradePosition>? LogPositions(TradeBatch batch)
    {
        if (batch.Positions.Count == 0)
        {
            return null;
        }

        return batch.Positions.Count == batch.Trades.Count && !string.IsNullOrEmpty(batch.Topic)
            ? batch.Positions
            : throw new ArgumentException(
                $"A batch with positions needs a topic and one position per trade ({batch.Positions.Count} for {batch.Trades.Count}).",
                nameof(batch));
    }

    private static bool IsAccepted(TradeVerdict verdict) =>
        verdict is TradeVerdict.Accepted or TradeVerdict.Late or TradeVerdict.LateUnverified or TradeVerdict.SessionReset;

    private async Task PersistAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // Memory is now ahead of storage. Drop this activation so the caller's retry of the same batch
            // meets the last persisted state, instead of being classified as duplicates of trades never stored.
            LogPersistFailed(exception, _key);
            DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol}: new sequence gap(s) {Gaps}")]
    private partial void LogGapsDetected(SymbolKey symbol, IReadOnlyList<SequenceGap> gaps);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Symbol}: integrity state could not be persisted; deactivating")]
    private partial void LogPersistFailed(Exception exception, SymbolKey symbol);
}

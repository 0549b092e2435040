using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Silo.HotWindow;
using K2.Silo.Integrity;
using K2.Silo.Persistence;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace K2.Silo.Grains;

/// <summary>
/// The grain of one <c>(exchange, symbol)</c>: classifies each batch against the symbol's sequence history and keeps
/// accepted trades in the hot window. Batches read from Kafka are persisted at flush checkpoints (see
/// docs/architecture.md, "Exactly once"): the state a lakehouse commit covers is written before that commit, and a
/// consumer replaying from the table's offsets rolls the grain back to exactly that state. Batches handed in directly
/// (not from the log) are persisted before the call returns.
/// </summary>
public sealed partial class SymbolGrain(
    [PersistentState("integrity", K2StorageNames.Symbols)] IPersistentState<SymbolIntegrityState> state,
    IOptions<IntegrityOptions> integrityOptions,
    IOptions<HotWindowOptions> hotWindowOptions,
    DeepCopier<SymbolIntegrityState> copier,
    TimeProvider time,
    ILogger<SymbolGrain> logger) : Grain, ISymbolGrain
{
    private SymbolKey _key;
    private SequenceTracker _tracker = null!;
    private HotTradeWindow _hotWindow = null!;
    private AppliedOffsets _applied = null!;
    private CheckpointLog _checkpoints = null!;
    private long? _flushedSnapshotId;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _key = SymbolKey.Parse(this.GetPrimaryKeyString());
        _hotWindow = new HotTradeWindow(hotWindowOptions.Value);
        _checkpoints = new CheckpointLog(copier);
        _checkpoints.Load(state.State);
        Attach(state.State);

        // Everything persisted was prepared for a flush and may already be committed; what was not is replayed by the
        // consumer, which re-fills the window above this mark.
        _hotWindow.MarkFlushedThrough(state.State.LastPlatformSequence);
        return Task.CompletedTask;
    }

    public async ValueTask<IngestResult> IngestAsync(TradeBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var log = LogBatch.From(batch);
        if (log is not null && Position(log) is { } resync)
        {
            LogResync(_key, resync);
            return IngestResult.Resync(resync);
        }

        var now = time.GetUtcNow();
        var tally = new BatchTally(batch.Trades.Count);
        for (var i = 0; i < batch.Trades.Count; i++)
        {
            var trade = batch.Trades[i];
            if (log is not null)
            {
                var offset = batch.Positions[i].Offset;
                if (_applied.IsApplied(log.PartitionKey, offset))
                {
                    // Only reachable when no checkpoint matched a replay (see Position): never classify twice.
                    tally.CountAlreadyApplied();
                    continue;
                }

                _applied.MarkApplied(log.PartitionKey, offset);
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
                _hotWindow.Add(trade with { PlatformSequence = platformSequence });
            }
        }

        state.State.LastIngestAt = now;
        if (log is null)
        {
            await PersistAsync(sameAsLive: null);
        }

        if (tally.NewGaps.Count > 0)
        {
            LogGapsDetected(_key, tally.NewGaps);
        }

        return tally.ToResult();
    }

    public async ValueTask PrepareFlushAsync(FlushCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var partitionKey = AppliedOffsets.PartitionKey(checkpoint.LogCluster, checkpoint.Topic, checkpoint.Partition);
        var applied = _applied.Last(partitionKey);
        if (checkpoint.LastSentOffset is { } sent && applied != sent)
        {
            // This activation does not hold the verdicts the consumer buffered (it was reactivated after a failed
            // write or its silo died): checkpointing them at ThroughOffset would be wrong. The consumer re-reads.
            var reason = $"{partitionKey}: asked to checkpoint through offset {checkpoint.ThroughOffset} after offset {sent}, but the grain stands at {applied?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}";
            LogPrepareRefused(_key, reason);
            throw new InvalidOperationException(reason);
        }

        var prepared = _checkpoints.Prepare(partitionKey, checkpoint.BaseOffset, checkpoint.ThroughOffset, state.State);
        await PersistAsync(prepared);
    }

    public ValueTask ConfirmFlushAsync(FlushConfirmation confirmation)
    {
        ArgumentNullException.ThrowIfNull(confirmation);
        var partitionKey = AppliedOffsets.PartitionKey(confirmation.LogCluster, confirmation.Topic, confirmation.Partition);
        if (_checkpoints.At(partitionKey, confirmation.ThroughOffset) is { State: { } committed })
        {
            _hotWindow.MarkFlushedThrough(committed.LastPlatformSequence);
            _flushedSnapshotId = confirmation.SnapshotId;
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask<IntegritySummary> GetIntegrityAsync() => ValueTask.FromResult(state.State.ToSummary(_key));

    public ValueTask<IReadOnlyList<Trade>> GetRecentTradesAsync(int limit) =>
        ValueTask.FromResult(_hotWindow.Latest(limit));

    public ValueTask<HotTradeSlice> GetHotTradesAsync() =>
        ValueTask.FromResult(new HotTradeSlice
        {
            FlushedSnapshotId = _flushedSnapshotId,
            FlushedThroughSequence = _hotWindow.FlushedThrough,
            Trades = _hotWindow.Unflushed(),
        });

    /// <summary>
    /// Decides whether a batch read from the log continues from where this grain stands. A consumer's first batch of a
    /// run (read from the table's offset) rolls the grain back to its checkpoint there when the grain had gone further;
    /// a later batch must follow the previous one exactly. Returns why not, when it does not.
    /// </summary>
    private string? Position(LogBatch log)
    {
        var applied = _applied.Last(log.PartitionKey);
        if (log.PreviousOffset is { } previous)
        {
            return applied == previous
                ? null
                : $"{log.PartitionKey}: the consumer last sent offset {previous}, the grain stands at {applied?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "nothing"}";
        }

        if (applied is null || applied < log.RunStart)
        {
            _checkpoints.EnsureAt(log.PartitionKey, log.RunStart, state.State);
            return null;
        }

        var checkpoint = _checkpoints.LatestAtOrBelow(log.PartitionKey, log.RunStart);
        if (checkpoint?.State is null || AppliedOffsets.Last(checkpoint.State, log.PartitionKey) >= log.RunStart)
        {
            LogNoCheckpoint(_key, log.PartitionKey, log.RunStart, applied.Value);
            return null;
        }

        var restored = _checkpoints.Restore(checkpoint);
        LogRolledBack(_key, log.PartitionKey, applied.Value, checkpoint.Through);
        restored.Checkpoints = state.State.Checkpoints;
        state.State = restored;
        Attach(restored);
        _hotWindow.DropAbove(restored.LastPlatformSequence);
        _checkpoints.EnsureAt(log.PartitionKey, log.RunStart, restored);
        return null;
    }

    private void Attach(SymbolIntegrityState current)
    {
        _tracker = new SequenceTracker(current, integrityOptions.Value, _key.Exchange);
        _applied = new AppliedOffsets(current);
    }

    private async Task PersistAsync(IntegrityCheckpoint? sameAsLive)
    {
        state.State.Checkpoints = _checkpoints.ToPersisted(sameAsLive);
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception exception)
        {
            // Memory is now ahead of storage. Drop this activation so the caller's retry meets the last persisted
            // state, instead of being classified as duplicates of trades never stored.
            LogPersistFailed(exception, _key);
            DeactivateOnIdle();
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Symbol}: flush checkpoint refused, the consumer must re-read from the table: {Reason}")]
    private partial void LogPrepareRefused(SymbolKey symbol, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol}: new sequence gap(s) {Gaps}")]
    private partial void LogGapsDetected(SymbolKey symbol, IReadOnlyList<SequenceGap> gaps);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Symbol}: integrity state could not be persisted; deactivating")]
    private partial void LogPersistFailed(Exception exception, SymbolKey symbol);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Symbol}: batch refused, consumer must resynchronise: {Reason}")]
    private partial void LogResync(SymbolKey symbol, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Symbol}: replay of {Partition}; rolled back from offset {Applied} to the checkpoint at {Checkpoint}")]
    private partial void LogRolledBack(SymbolKey symbol, string partition, long applied, long checkpoint);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Symbol}: replay of {Partition} from {RunStart} but the grain applied up to {Applied} and has no checkpoint there; redelivered trades are skipped, not reclassified")]
    private partial void LogNoCheckpoint(SymbolKey symbol, string partition, long runStart, long applied);
}

using System.Globalization;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Silo.HotWindow;
using K2.Silo.Integrity;
using Orleans.Core;

namespace K2.Silo.Grains;

/// <summary>
/// One log a symbol grain is fed from — its trades or its quotes — with everything exactly-once needs for it: the
/// persisted state and its flush checkpoints, the offsets applied per partition, and the hot window with its flushed
/// watermark (the hot/cold seam). The grain owns one per record kind, so a replay of the quote partition rolls back
/// only quote verdicts and a trade flush checkpoints only trade state (see docs/architecture.md, "Exactly once").
/// </summary>
internal sealed class LogStream<TState, TRecord, TSlot>
    where TState : class, ILogState<TState>
    where TRecord : class, IMarketDataRecord
    where TSlot : struct, IHotSlot<TSlot, TRecord>
{
    // What every log of this kind shares (name, copier, window bounds, logger) and the grain (its key): an idle
    // symbol grain's log should not carry its own references to silo-wide services.
    private readonly LogKind<TState> _kind;
    private readonly IStorage<TState> _state;
    private readonly ILogStreamOwner<TState> _owner;

    // The live state. Storage's own State is the same object except while a cut is written (PersistCutAsync), when it
    // is the cut: batches interleave with that write and must keep working on the live state.
    private TState _live;

    // The state's write in flight, if any (a cut's or the live state's). Storage takes one write at a time: a cut's
    // write interleaves with the grain's other calls and holds storage's State on the cut until it ends, so a write
    // that started alongside it would store the cut or race its ETag.
    private Task _writing = Task.CompletedTask;

    // Null until a checkpoint is recorded, unless the persisted state has some: most idle symbols never flush from a
    // log (direct batches), and an empty checkpoint log created later is the one activation would have created,
    // because only Checkpoints adds to it.
    private CheckpointLog<TState>? _checkpoints;

    // Held in the log, not as an object of its own (see HotWindow's remarks): handed out by reference.
    private HotWindow<TRecord, TSlot> _window;

    // Null while the defaults hold: no snapshot confirmed, no record at or below the watermark.
    private ConfirmedFlush? _confirmed;

    // Null until the ring is long enough to be stored against a base row (most symbols' never is), unless the state
    // read was stored against one.
    private MessageIdRingBases? _ringBases;

    public LogStream(LogKind<TState> kind, IStorage<TState> state, ILogStreamOwner<TState> owner)
    {
        _kind = kind;
        _state = state;
        _live = state.State;
        _owner = owner;
        _ringBases = MessageIdRingBases.TakeOver(state.State, lineage: 0);
        if (state.State.Checkpoints is not null)
        {
            Checkpoints.Load(state.State);
        }

        _window = new HotWindow<TRecord, TSlot>(kind.HotWindow);
        var ring = state.State.RecentMessageIds;
        owner.Attach(state.State);
        if (!ReferenceEquals(ring, state.State.RecentMessageIds))
        {
            // The tracker compacted the ring (a changed window size): it is no longer its base plus adds.
            _ringBases?.Forget();
        }

        // Everything persisted was prepared for a flush and may already be committed; what was not is replayed by the
        // consumer, which re-fills the window above this mark.
        Window.MarkFlushedThrough(state.State.LastPlatformSequence);
        RaiseFlushedNewest(state.State);
    }

    public TState State => _live;

    private CheckpointLog<TState> Checkpoints => _checkpoints ??= new CheckpointLog<TState>(_kind.Copier);

    public ref HotWindow<TRecord, TSlot> Window => ref _window;

    /// <summary>The grain is deactivating: its window's records go, and its share of the silo's budget with them.</summary>
    public void Release() => _window.Release();

    /// <summary>The snapshot the watermark was last confirmed by; null before the first confirmed flush.</summary>
    public long? FlushedSnapshotId => _confirmed?.SnapshotId;

    /// <summary>
    /// Newest exchange time of the records at or below the watermark (MinValue: none); null when the state predates
    /// <see cref="ILogState{TSelf}.NewestRecordTime"/>. Only ever raised: a rollback lowers the watermark, but a bound
    /// that is too high only costs a reader a cold read, while one too low would hide rows.
    /// </summary>
    public DateTimeOffset? FlushedNewest => _confirmed is { } confirmed ? confirmed.Newest : DateTimeOffset.MinValue;

    /// <summary>
    /// Upper bound on the exchange time of every record of this log the table can hold that <see cref="HotWindow{TRecord, TSlot}.Unflushed"/>
    /// does not return: those at or below the watermark and those the window evicted before their flush was confirmed.
    /// Null when unknown.
    /// </summary>
    public DateTimeOffset? NewestNotHot =>
        FlushedNewest is { } flushed ? (Window.NewestEvictedUnflushed > flushed ? Window.NewestEvictedUnflushed : flushed) : null;

    /// <summary>
    /// Decides whether a batch read from the log continues from where this log stands. A consumer's first batch of a
    /// run (read from the table's offset) rolls the log back to its checkpoint there when it had gone further; a later
    /// batch must follow the previous one exactly. Returns why not, when it does not.
    /// </summary>
    public string? Position(LogBatch log)
    {
        var applied = AppliedOffsets.Last(State.AppliedOffsets, log.PartitionKey);
        if (log.PreviousOffset is { } previous)
        {
            if (applied == previous)
            {
                return null;
            }

            var reason = $"{log.PartitionKey}: the consumer last sent offset {previous}, the grain stands at {applied?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}";
            LogStreamLog.Resync(_kind.Logger, _owner.Key, _kind.Name, reason);
            return reason;
        }

        if (applied is null || applied < log.RunStart)
        {
            Checkpoints.EnsureAt(log.PartitionKey, log.RunStart, State);
            return null;
        }

        var checkpoint = _checkpoints?.LatestAtOrBelow(log.PartitionKey, log.RunStart);
        if (checkpoint?.State is null || AppliedOffsets.Last(checkpoint.State.AppliedOffsets, log.PartitionKey) >= log.RunStart)
        {
            LogStreamLog.NoCheckpoint(_kind.Logger, _owner.Key, log.PartitionKey, log.RunStart, applied.Value);
            return null;
        }

        var restored = Checkpoints.Restore(checkpoint, State);
        LogStreamLog.RolledBack(_kind.Logger, _owner.Key, log.PartitionKey, applied.Value, checkpoint.Through);
        restored.Checkpoints = State.Checkpoints;
        _live = restored;
        if (_writing.IsCompleted)
        {
            _state.State = restored;
        }
        _owner.Attach(restored);
        Window.DropAbove(restored.LastPlatformSequence);
        Checkpoints.EnsureAt(log.PartitionKey, log.RunStart, restored);
        return null;
    }

    /// <summary>
    /// False when the record at <paramref name="offset"/> was applied before (only reachable when no checkpoint matched
    /// a replay, see <see cref="Position"/>): it must not be classified twice. Otherwise marks it applied.
    /// </summary>
    public bool TryApply(LogBatch log, long offset)
    {
        if (AppliedOffsets.IsApplied(State, log.PartitionKey, offset))
        {
            return false;
        }

        AppliedOffsets.MarkApplied(State, log.PartitionKey, offset);
        return true;
    }

    /// <summary>
    /// Records the state as the checkpoint a flush is about to commit, in memory only, unless this log no longer holds
    /// everything the consumer sent it. The consumer cuts every grain it fed before it hands any of them a later batch
    /// (so the cut holds exactly the flush's records), then persists the cuts while later batches flow.
    /// </summary>
    public FlushPreparation Cut(FlushCheckpoint checkpoint)
    {
        var partitionKey = AppliedOffsets.PartitionKey(checkpoint.LogCluster, checkpoint.Topic, checkpoint.Partition);
        var applied = AppliedOffsets.Last(State.AppliedOffsets, partitionKey);

        // A grain behind the consumer was re-activated since it was fed (verdicts not yet persisted are gone).
        // Persisting now would record a state without the records the commit writes to the table.
        if (applied is null || applied < checkpoint.LastOffset)
        {
            var reason = $"{partitionKey}: the consumer sent offsets through {checkpoint.LastOffset}, the grain holds {applied?.ToString(CultureInfo.InvariantCulture) ?? "nothing"}";
            LogStreamLog.PrepareRefused(_kind.Logger, _owner.Key, _kind.Name, reason);
            return FlushPreparation.Refused(reason);
        }

        Checkpoints.Prepare(partitionKey, checkpoint.BaseOffset, checkpoint.ThroughOffset, State);
        return FlushPreparation.Prepared;
    }

    /// <summary>
    /// Writes the checkpoint <see cref="Cut"/> recorded at the flush's offset, as the state storage holds: a later
    /// activation meets the state at the cut, not the live state later batches (the next flush's) moved on. Refuses
    /// when that cut is gone (this activation is not the one that was cut), because then nothing it could write is the
    /// state the commit covers.
    /// </summary>
    public async Task<FlushPreparation> PersistCutAsync(FlushCheckpoint checkpoint)
    {
        var partitionKey = AppliedOffsets.PartitionKey(checkpoint.LogCluster, checkpoint.Topic, checkpoint.Partition);
        if (_checkpoints?.At(partitionKey, checkpoint.ThroughOffset) is not { State: { } cut } prepared)
        {
            var reason = $"{partitionKey}: no checkpoint cut at offset {checkpoint.ThroughOffset} to persist (the grain was re-activated since the cut)";
            LogStreamLog.PrepareRefused(_kind.Logger, _owner.Key, _kind.Name, reason);
            return FlushPreparation.Refused(reason);
        }

        // The cut's ring now, while its mark is surely in the journal (a later flush's cut may trim the journal before
        // an earlier write starts); it lives only as long as the write.
        var cutRing = CheckpointLog<TState>.RingOf(prepared, _live);

        // Storage holds the state at the cut for the length of the write, then the live state again. Batches that
        // interleave with the write work on the live state (State), never on storage's.
        await WriteAloneAsync(
            () =>
            {
                var stored = cut.MemberwiseCopy();
                stored.RecentMessageIds = cutRing;
                stored.Checkpoints = Checkpoints.ToPersisted(prepared, cutRing, _live);
                return stored;
            },
            prepared.Lineage);
        return FlushPreparation.Prepared;
    }

    /// <summary>Moves the watermark to the state of the checkpoint the confirmed flush committed.</summary>
    public void Confirm(FlushConfirmation confirmation)
    {
        var partitionKey = AppliedOffsets.PartitionKey(confirmation.LogCluster, confirmation.Topic, confirmation.Partition);
        if (_checkpoints?.At(partitionKey, confirmation.ThroughOffset) is { State: { } committed })
        {
            Window.MarkFlushedThrough(committed.LastPlatformSequence);
            (_confirmed ??= new ConfirmedFlush()).SnapshotId = confirmation.SnapshotId;
            RaiseFlushedNewest(committed);
        }
    }

    /// <summary>Writes the live state with its checkpoints.</summary>
    public Task PersistAsync() => WriteAloneAsync(
        () =>
        {
            _checkpoints?.Bound(State);
            State.Checkpoints = _checkpoints?.ToPersisted(sameAsStored: null, State.RecentMessageIds, State);
            return State;
        },
        _checkpoints?.Lineage ?? 0);

    /// <summary>
    /// Waits until no write of this state is in flight, then writes what <paramref name="toStore"/> returns (built only
    /// then, so it reflects every write before it; of <paramref name="lineage"/>, see <see cref="CheckpointLog{TState}.Lineage"/>)
    /// as storage's State for the length of the write.
    /// </summary>
    private async Task WriteAloneAsync(Func<TState> toStore, int lineage)
    {
        // A loop, not one await: calls waiting on the same write all wake when it ends, and the first to run starts
        // the next write.
        while (!_writing.IsCompleted)
        {
            await _writing;
        }

        var write = WriteAsAsync(toStore(), lineage);

        // Completes once storage holds the live state again, whatever the write's outcome.
        var writing = write.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _writing = writing;
        try
        {
            await write;
        }
        finally
        {
            // The write is over: an idle grain should not keep its continuation (72 B) until its next write.
            if (ReferenceEquals(_writing, writing))
            {
                _writing = Task.CompletedTask;
            }
        }
    }

    private async Task WriteAsAsync(TState state, int lineage)
    {
        try
        {
            var stored = state.RecentMessageIds.Length < _kind.Integrity.RingBaseMinimumIds
                ? state
                : await (_ringBases ??= new MessageIdRingBases()).ToStoredAsync(state, lineage, _state, _owner, _kind);
            _state.State = stored;
            await _state.WriteStateAsync();
            _ringBases?.Written(stored);
        }
        catch (Exception exception)
        {
            // Memory is now ahead of storage. Drop this activation so the caller's retry meets the last persisted
            // state, instead of being classified as duplicates of records never stored.
            LogStreamLog.PersistFailed(_kind.Logger, exception, _owner.Key, _kind.Name);
            _owner.DeactivateOnIdle();
            throw;
        }
        finally
        {
            _state.State = _live;
        }
    }

    // The state a watermark is taken from bounds the records at or below it: its LastPlatformSequence is the watermark.
    private void RaiseFlushedNewest(TState flushed)
    {
        var newest = flushed.LastPlatformSequence == 0 ? DateTimeOffset.MinValue : flushed.NewestRecordTime;
        DateTimeOffset? raised = FlushedNewest is { } current && newest is { } next ? (next > current ? next : current) : null;
        if (_confirmed is not null || raised != DateTimeOffset.MinValue)
        {
            (_confirmed ??= new ConfirmedFlush()).Newest = raised;
        }
    }
}

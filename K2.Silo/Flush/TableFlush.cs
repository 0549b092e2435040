using K2.Contracts.Grains;
using K2.Contracts.Model;

namespace K2.Silo.Flush;

/// <summary>
/// One table's share of a consumer's flush: the records of its topics the grains accepted, the offsets they account
/// for, and the grains fed from those partitions. Prepares those grains' checkpoints, writes its files, commits to
/// its table, then confirms to them. Remembers a commit until the whole flush is done, so a flush retried after another table failed
/// does not commit this one twice. Not thread-safe: the consumer loop owns it.
/// </summary>
internal sealed class TableFlush<TRecord>(LakehouseFlusher<TRecord> flusher, IGrainFactory grains, int grainCallsInFlight)
    where TRecord : class, IMarketDataRecord
{
    private readonly FlushBuffer<TRecord> _buffer = new();
    // Each grain fed since the last flush, with the last offset of the partition it was handed.
    private readonly Dictionary<(SymbolKey Symbol, TopicPartition Partition), long> _fed = [];
    // Data files written for this flush and not yet handed to a commit.
    private IReadOnlyList<Lakehouse.Iceberg.Manifests.DataFile>? _written;

    public int Count => _buffer.Count;

    /// <summary>Whether anything must be committed: offsets processed and not yet committed by this flush.</summary>
    public bool HasWork => _buffer.HasOffsets && Committed is null;

    public DateTimeOffset? FirstAddedAt => _buffer.FirstAddedAt;

    /// <summary>The offset after the last one buffered for <paramref name="partition"/>; null when it has none here.</summary>
    // Asked for every record polled while a commit runs: reads the buffer without a Peek (three objects per call).
    public long? NextOffset(TopicPartition partition) => _buffer.NextOffset(partition);

    /// <summary>This table's commit in the flush under way; null until it committed.</summary>
    public FlushOutcome? Committed { get; private set; }

    public void Add(SymbolKey symbol, TopicPartition partition, long lastOffset, IEnumerable<TRecord> accepted)
    {
        foreach (var record in accepted)
        {
            _buffer.Add(record);
        }

        _fed[(symbol, partition)] = lastOffset;
    }

    public void MarkProcessed(TopicPartition partition, long start, long next, DateTimeOffset now) =>
        _buffer.MarkProcessed(partition, start, next, now);

    /// <summary>
    /// Each grain fed since the last flush records its checkpoint at this flush's end offset, in memory (the consumer
    /// sends no later batch until every cut is back). Returns why not when a grain no longer holds what it was sent:
    /// then nothing may be committed and the consumer must re-read.
    /// </summary>
    public async Task<string?> CutAsync(string logCluster)
    {
        Persisted = false;
        var offsets = _buffer.Peek().Offsets;
        var cuts = await Task.WhenAll(_fed.Select(fed => Grain(fed.Key.Symbol).CutFlushAsync(Checkpoint(fed, offsets, logCluster)).AsTask()));
        return Array.Find(cuts, cut => !cut.IsPrepared)?.RefusedReason;
    }

    /// <summary>Whether every fed grain has persisted its cut: a retried commit does not write them again.</summary>
    public bool Persisted { get; private set; }

    /// <summary>
    /// Each fed grain persists the checkpoint it cut, before this table's commit (later batches may reach the grains
    /// meanwhile; the cut stays what it was), <c>grainCallsInFlight</c> at a time so batches get through between them.
    /// Returns why not when a grain holds no such cut (it was re-activated): then nothing may be committed and the
    /// consumer must re-read.
    /// </summary>
    public async Task<string?> PersistAsync(string logCluster)
    {
        var offsets = _buffer.Peek().Offsets;
        var writes = await BoundedFanOut.RunAsync(
            [.. _fed],
            grainCallsInFlight,
            fed => Grain(fed.Key.Symbol).PersistFlushAsync(Checkpoint(fed, offsets, logCluster)));
        var refused = Array.Find(writes, write => !write.IsPrepared)?.RefusedReason;
        Persisted = refused is null;
        return refused;
    }

    private FlushCheckpoint Checkpoint(KeyValuePair<(SymbolKey Symbol, TopicPartition Partition), long> fed, IReadOnlyDictionary<TopicPartition, OffsetRange> offsets, string logCluster)
    {
        var ((_, partition), lastOffset) = (fed.Key, fed.Value);
        var range = offsets[partition];
        return new FlushCheckpoint(logCluster, partition.Topic, partition.Partition, range.Start, range.Next, lastOffset) { Kind = flusher.Kind };
    }

    /// <summary>
    /// Writes this table's data files for the flush (alongside the grains' persists: the commit waits for both). They stay
    /// out of the table until <see cref="CommitAsync"/>; <see cref="DiscardWrittenAsync"/> deletes them if it never runs.
    /// </summary>
    public async Task WriteAsync(CancellationToken cancellationToken) =>
        _written = await flusher.WriteAsync(_buffer.Peek(), cancellationToken);

    /// <summary>Commits the files <see cref="WriteAsync"/> wrote; from here on the commit owns them (a fenced commit deletes them).</summary>
    public async Task<FlushOutcome> CommitAsync(string logCluster, CancellationToken cancellationToken)
    {
        var files = _written ?? throw new InvalidOperationException("Write the flush's files before committing them.");
        _written = null;
        var outcome = await flusher.CommitAsync(_buffer.Peek(), files, logCluster, cancellationToken);
        if (outcome.Committed)
        {
            Committed = outcome;
        }

        return outcome;
    }

    /// <summary>
    /// Deletes files written and never handed to a commit (the persist was refused or failed, or another table's commit
    /// failed first): no snapshot references them. A file a commit was attempted with is never deleted here, since a
    /// commit whose outcome is unknown may have added it.
    /// </summary>
    public async Task DiscardWrittenAsync()
    {
        if (_written is { } files)
        {
            _written = null;
            await flusher.DeleteAsync(files, CancellationToken.None);
        }
    }

    /// <summary>Moves the fed grains' watermarks to the committed checkpoint; nothing to do when this table did not commit.</summary>
    public Task ConfirmAsync(string logCluster)
    {
        if (Committed is not { SnapshotId: { } snapshotId })
        {
            return Task.CompletedTask;
        }

        // Bounded like the persist: a confirmation is a turn that does not interleave, so it queues with the batches.
        var offsets = _buffer.Peek().Offsets;
        return BoundedFanOut.RunAsync(
            [.. _fed.Keys],
            grainCallsInFlight,
            fed => Grain(fed.Symbol)
                .ConfirmFlushAsync(new FlushConfirmation(logCluster, fed.Partition.Topic, fed.Partition.Partition, offsets[fed.Partition].Next, snapshotId) { Kind = flusher.Kind }));
    }

    public void Clear()
    {
        _buffer.Clear();
        _fed.Clear();
        Committed = null;
        Persisted = false;
        _written = null;
    }

    private ISymbolGrain Grain(SymbolKey symbol) => grains.GetGrain<ISymbolGrain>(symbol.ToString());
}

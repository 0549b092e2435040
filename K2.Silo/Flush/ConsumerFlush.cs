using K2.Contracts.Grains;
using K2.Silo.Ingest;
using Microsoft.Extensions.Options;

namespace K2.Silo.Flush;

/// <summary>
/// The consumer's side of a flush: buffers the trades grains accepted with the offsets they account for, and commits
/// them in three steps — each grain fed since the last flush persists its checkpoint at the flush's offsets, the
/// lakehouse commit records those offsets in the snapshot, then grains are told the commit happened so their hot
/// window can let the flushed trades go. Not thread-safe: the consumer loop owns it.
/// </summary>
internal sealed partial class ConsumerFlush(
    LakehouseTradeFlusher flusher,
    IGrainFactory grains,
    IOptions<FlushOptions> options,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<ConsumerFlush> logger)
{
    private readonly TradeFlushBuffer _buffer = new();
    // Each grain fed since the last flush, with the last offset of the partition it was sent.
    private readonly Dictionary<(SymbolKey Symbol, TopicPartition Partition), long> _fed = [];

    public int BufferedTrades => _buffer.Count;

    public bool HasWork => _buffer.HasOffsets;

    /// <summary>Takes in a processed batch: its accepted trades, and every record's offset as processed.</summary>
    public void Record(BatchWork work, ConsumerRun run)
    {
        var now = time.GetUtcNow();
        foreach (var symbol in work.Symbols)
        {
            foreach (var trade in symbol.AcceptedTrades())
            {
                _buffer.Add(trade);
            }

            _fed[(symbol.Key, symbol.Partition)] = symbol.LastOffset;
            run.Sent(symbol.Key, symbol.Partition, symbol.LastOffset);
        }

        foreach (var record in work.Records)
        {
            var partition = new TopicPartition(record.Topic, record.Partition.Value);
            _buffer.MarkProcessed(partition, run.TableOffset(partition), record.Offset.Value + 1, now);
        }
    }

    public bool IsDue() =>
        _buffer.HasOffsets
        && (_buffer.Count >= options.Value.MaxTrades || time.GetUtcNow() - _buffer.FirstAddedAt >= options.Value.MaxAge);

    /// <summary>Forgets everything buffered: the consumer is about to re-read from the table's offsets.</summary>
    public void Clear()
    {
        _buffer.Clear();
        _fed.Clear();
    }

    /// <summary>
    /// Prepares grains, commits, confirms. Throws on a failure of the commit (the buffer stays for a retry); a fenced
    /// outcome means the buffer must be dropped and re-read from the table's offsets: another consumer owns a partition
    /// now, or a grain could not take its checkpoint.
    /// </summary>
    public async Task<FlushOutcome> FlushAsync(string logCluster, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var batch = _buffer.Peek();
        try
        {
            await Task.WhenAll(_fed.Select(fed => PrepareAsync(logCluster, fed.Key.Symbol, fed.Key.Partition, batch.Offsets[fed.Key.Partition], fed.Value)));
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A grain whose checkpoint write failed has deactivated, and one that refused was reactivated: either way it
            // no longer holds the verdicts buffered here, so retrying the commit would pair the table's rows with state
            // the grain does not have. Re-reading from the table replays them against the grain's persisted checkpoint.
            metrics.FlushFenced();
            return FlushOutcome.Fenced($"a grain could not take its flush checkpoint: {exception.Message}");
        }

        var prepared = time.GetTimestamp();

        var outcome = await flusher.FlushAsync(batch, logCluster, cancellationToken);
        var prepareTime = time.GetElapsedTime(started, prepared);
        var commitTime = time.GetElapsedTime(prepared);
        LogTimings(batch.Trades.Count, _fed.Count, prepareTime, commitTime);
        if (!outcome.Committed)
        {
            metrics.FlushFenced();
            return outcome;
        }

        metrics.Flushed(outcome.Rows);
        await ConfirmAsync(logCluster, batch, outcome.SnapshotId!.Value);
        Clear();
        return outcome;
    }

    private Task PrepareAsync(string logCluster, SymbolKey symbol, TopicPartition partition, OffsetRange range, long lastSent) =>
        grains.GetGrain<ISymbolGrain>(symbol.ToString())
            .PrepareFlushAsync(new FlushCheckpoint(logCluster, partition.Topic, partition.Partition, range.Start, range.Next, lastSent))
            .AsTask();

    private async Task ConfirmAsync(string logCluster, TradeFlushBatch batch, long snapshotId)
    {
        // The commit is done whatever happens here: a grain that misses its confirmation only keeps flushed trades
        // hot a little longer (the next confirmation moves its watermark past them).
        try
        {
            await Task.WhenAll(_fed.Keys.Select(fed =>
            {
                var through = batch.Offsets[fed.Partition].Next;
                return grains.GetGrain<ISymbolGrain>(fed.Symbol.ToString())
                    .ConfirmFlushAsync(new FlushConfirmation(logCluster, fed.Partition.Topic, fed.Partition.Partition, through, snapshotId))
                    .AsTask();
            }));
        }
        catch (Exception exception)
        {
            LogConfirmFailed(exception, snapshotId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Flush of {Trades} trade(s): {Grains} grain checkpoint(s) in {PrepareTime}, files and commit in {CommitTime}")]
    private partial void LogTimings(int trades, int grains, TimeSpan prepareTime, TimeSpan commitTime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Snapshot {SnapshotId} is committed but some grains were not told; their hot windows catch up at the next flush")]
    private partial void LogConfirmFailed(Exception exception, long snapshotId);
}

using System.Diagnostics;
using Confluent.Kafka;
using K2.Kafka.Consuming;
using K2.Silo.Flush;
using K2.Silo.Threading;
using Microsoft.Extensions.Options;

namespace K2.Silo.Ingest;

/// <summary>
/// The silo's Kafka consumer: one per silo, one group across silos. Polls a batch, hands it to
/// <see cref="BatchProcessor"/> (retrying the same batch with capped exponential backoff until it succeeds, never
/// skipping it), buffers the trades and quotes grains accepted and flushes them to the lakehouse by size or age (see
/// <see cref="ConsumerFlush"/>). The lakehouse tables, not Kafka, record where each partition resumes (the trades table
/// for the trade topics, the quotes table for the quote topic): partitions are read from their table's offsets on
/// assignment, and Kafka's committed offsets follow each table commit for lag monitoring only. Whenever the consumer and the table or a grain disagree (a revoked partition, a fenced flush, a
/// grain that lost memory), it drops its buffer and re-reads every partition from the table's offsets; grains roll back
/// to their checkpoints there, so the replay is classified exactly as the first pass was.
/// <para>
/// A flush takes the grains' checkpoints on this loop, then commits to the table in the background while the loop goes
/// on with the next batches (<see cref="ConsumerFlush"/>); the next flush, a re-read, a revocation and shutdown all wait
/// for that commit first, and Kafka's offsets are committed only after it.
/// </para>
/// </summary>
public sealed class MarketDataConsumer(
    KafkaConsumerFactory consumers,
    KafkaClusterIdentity logIdentity,
    LakehouseOffsets tables,
    BatchProcessor processor,
    SiloStartedSignal siloStarted,
    IngestMetrics metrics,
    IngestBackPressure backPressure,
    IServiceProvider services,
    IOptions<IngestOptions> options,
    ILogger<MarketDataConsumer> logger) : BackgroundService
{
    // While a flush is retried the partitions are paused; polling this often keeps the member in its group.
    private static readonly TimeSpan PausedPollInterval = TimeSpan.FromMilliseconds(100);

    private const string LoopThreadName = "k2-ingest-consumer";

    private readonly IngestOptions _options = options.Value;
    private readonly ConsumerRun _run = new();

    // The batch spans whose trades the buffer holds: the next flush span links to them. Then the ones of the
    // generation being committed, for the span of a retried commit.
    private TraceLinks _bufferedBatchSpans = new();
    private TraceLinks _committingBatchSpans = new();
    private string _logCluster = string.Empty;
    private string? _resyncReason;

    // librdkafka's Consume blocks: the loop gets a thread of its own, off the host's start-up thread and off the pool.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        DedicatedLoopThread.Run(LoopThreadName, () => RunAsync(stoppingToken));

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        await siloStarted.WaitAsync(stoppingToken);
        _logCluster = await UntilDoneAsync(logIdentity.ReadAsync, LogStepFailed, stoppingToken);
        await UntilDoneAsync(async ct => { await tables.EnsureTablesAsync(ct); return true; }, LogStepFailed, stoppingToken);
        IngestLog.LogIdentified(logger, _logCluster);

        var flush = ActivatorUtilities.CreateInstance<ConsumerFlush>(services);
        var pending = new PendingBatch(_options, metrics);
        using var consumer = Build(pending, flush);
        consumer.Subscribe(IngestTopics.Subscribed);
        IngestLog.Started(logger, _options.GroupId, IngestTopics.Subscribed);
        metrics.PartitionsPaused(0); // A series from the start, not only after the first pause.
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> records;
                try
                {
                    records = pending.Fill(consumer, stoppingToken);
                }
                catch (ConsumeException exception) when (!exception.Error.IsFatal)
                {
                    // E.g. a topic not there yet; librdkafka keeps trying. Records polled so far stay pending.
                    IngestLog.ClientError(logger, exception.Error.Reason, false);
                    continue;
                }

                if (_resyncReason is not null)
                {
                    await RewindAsync(consumer, pending, flush, stoppingToken);
                    continue;
                }

                if (records.Count > 0)
                {
                    var work = BatchWork.Decode(records, _run, _logCluster);
                    string? refusal;
                    using (var span = IngestTracing.StartProcess(records, _options.GroupId))
                    {
                        refusal = await ProcessUntilDoneAsync(work, stoppingToken);
                        _bufferedBatchSpans.Add(span?.Context ?? default);
                    }

                    if (refusal is { } refused)
                    {
                        _resyncReason = refused;
                        await RewindAsync(consumer, pending, flush, stoppingToken);
                        continue;
                    }

                    flush.Record(work, _run);
                    metrics.BatchCommitted();
                }

                if (flush.Commit is { IsCompleted: true } && !await SettleCommitAsync(consumer, pending, flush, stoppingToken))
                {
                    continue;
                }

                if (flush.IsDue(() => records.Count == 0 && HasReadEverything(consumer)))
                {
                    await FlushUntilDoneAsync(consumer, pending, flush, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: whatever is buffered is not in the table, so the partitions' next owner reads it again.
        }
        finally
        {
            // A commit under way lands (or not) before the partitions move: the next owner reads the table after it.
            await flush.WaitForCommitAsync();

            // Leaves the group now, so the partitions move to another silo without waiting for a session timeout.
            consumer.Close();
            IngestLog.Stopped(logger);
        }
    }

    /// <summary>
    /// Whether every assigned partition's position is at its high watermark as last seen in a fetch (an empty partition
    /// counts as read): an empty poll alone can also be a fetch that came late on a busy machine, with records still to
    /// read. Unknown watermarks or positions count as not read, leaving the flush to its age.
    /// </summary>
    private static bool HasReadEverything(IConsumer<byte[]?, byte[]?> consumer) =>
        consumer.Assignment.Count > 0
        && consumer.Assignment.All(partition =>
            consumer.GetWatermarkOffsets(partition).High is { IsSpecial: false } high
            && (high.Value == 0 || (consumer.Position(partition) is { IsSpecial: false } position && position >= high)));

    private IConsumer<byte[]?, byte[]?> Build(PendingBatch pending, ConsumerFlush flush) =>
        consumers.CreateBuilder(_options.GroupId)
            .SetErrorHandler((_, error) => IngestLog.ClientError(logger, error.Reason, error.IsFatal))
            .SetPartitionsAssignedHandler((_, partitions) => Assign(partitions))
            .SetPartitionsRevokedHandler((_, partitions) => Release(pending, flush, "revoked", partitions))
            .SetPartitionsLostHandler((_, partitions) => Release(pending, flush, "lost", partitions))
            .Build();

    /// <summary>Starts each new partition at the offset the lakehouse table records for it (the log's start if none).</summary>
    private IEnumerable<TopicPartitionOffset> Assign(List<Confluent.Kafka.TopicPartition> partitions)
    {
        IngestLog.Assigned(logger, partitions);
        KafkaOffsetMap recorded;
        try
        {
            // Rebalance callbacks run inside Consume on the loop's own thread; waiting here holds up nothing else.
            recorded = DedicatedLoopThread.WaitOffLoop(() => tables.ReadCommittedOffsetsAsync(_logCluster, CancellationToken.None));
        }
        catch (Exception exception)
        {
            // Kafka's committed offsets never lead the table's, so starting there is safe; a re-read from the table
            // follows as soon as it answers.
            IngestLog.TableOffsetsUnavailable(logger, exception);
            _resyncReason = "the lakehouse's offsets were unavailable at assignment";
            return partitions.Select(partition => new TopicPartitionOffset(partition, Offset.Unset));
        }

        return partitions.Select(partition => StartAt(partition, recorded));
    }

    private TopicPartitionOffset StartAt(Confluent.Kafka.TopicPartition partition, KafkaOffsetMap recorded)
    {
        var key = new Flush.TopicPartition(partition.Topic, partition.Partition.Value);
        var next = recorded.NextOffset(key);
        _run.Start(key, next ?? 0);
        return new TopicPartitionOffset(partition, next is { } offset ? new Offset(offset) : Offset.Beginning);
    }

    private void Release(PendingBatch pending, ConsumerFlush flush, string kind, List<TopicPartitionOffset> partitions)
    {
        // A commit under way must land (or fail) before the partitions' next owner reads the table's offsets; otherwise
        // it could move the table on under that owner. Rebalance callbacks run inside Consume on the loop's thread, and
        // the commit runs on the thread pool, so waiting here holds up nothing it needs.
        DedicatedLoopThread.WaitOffLoop(flush.WaitForCommitAsync);
        var dropped = pending.Drop(partitions.Select(partition => partition.TopicPartition));
        foreach (var partition in partitions)
        {
            _run.Stop(new Flush.TopicPartition(partition.Topic, partition.Partition.Value));
        }

        IngestLog.Revoked(logger, kind, partitions, dropped);

        // The buffer holds these partitions' trades, which their next owner now reads from the table's offsets.
        _resyncReason ??= $"partitions {kind}";
    }

    /// <summary>Drops everything not yet in the table and re-reads every owned partition from the table's offsets.</summary>
    private async Task RewindAsync(IConsumer<byte[]?, byte[]?> consumer, PendingBatch pending, ConsumerFlush flush, CancellationToken stoppingToken)
    {
        // A commit under way lands (or not) first, so the offsets read below include it.
        if (await flush.WaitForCommitAsync() is { Committed: true } landed)
        {
            CommitKafka(consumer, landed.CommittedOffsets);
        }

        var recorded = await UntilDoneAsync(ct => tables.ReadCommittedOffsetsAsync(_logCluster, ct), LogStepFailed, stoppingToken);
        flush.Clear();
        _bufferedBatchSpans.Clear();
        _committingBatchSpans.Clear();
        pending.Clear();
        _run.Clear();
        var positions = consumer.Assignment.Select(partition => StartAt(partition, recorded)).ToList();
        IngestLog.Rewinding(logger, positions, _resyncReason ?? "requested");
        metrics.Resynced();
        foreach (var position in positions)
        {
            consumer.Seek(position);
        }

        _resyncReason = null;
    }

    private async Task<string?> ProcessUntilDoneAsync(BatchWork work, CancellationToken stoppingToken)
    {
        var started = Stopwatch.GetTimestamp();
        var refusal = await UntilDoneAsync(
            ct => processor.ProcessAsync(work, ct),
            (exception, attempt, delay) =>
            {
                metrics.BatchRetried();
                backPressure.BatchFailed(exception, attempt);
                IngestLog.BatchFailed(logger, exception, work.Records.Count, attempt, delay);
            },
            stoppingToken);
        backPressure.BatchSucceeded();
        metrics.BatchProcessed(Stopwatch.GetElapsedTime(started));
        return refusal;
    }

    /// <summary>
    /// Cuts the grains' checkpoints for the buffer (after the previous generation's commit is settled: it is this
    /// cut's base) and hands the buffer to a background commit, which persists the cuts first. While a step fails the consumer stops fetching
    /// (Kafka holds the backlog) but keeps polling, so it stays in the group and sees rebalances.
    /// </summary>
    private async Task FlushUntilDoneAsync(IConsumer<byte[]?, byte[]?> consumer, PendingBatch pending, ConsumerFlush flush, CancellationToken stoppingToken)
    {
        if (!await SettleCommitAsync(consumer, pending, flush, stoppingToken))
        {
            return;
        }

        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var previous = Activity.Current;
                var span = IngestTracing.StartFlush(_bufferedBatchSpans, flush.BufferedTrades, attempt);
                try
                {
                    if (await flush.CutAsync(_logCluster) is { } refused)
                    {
                        span?.Dispose();
                        IngestLog.FlushFenced(logger, refused);
                        _resyncReason = refused;
                        await RewindAsync(consumer, pending, flush, stoppingToken);
                        return;
                    }

                    // The commit runs under the flush span (the task captures it as the current activity).
                    flush.StartCommit(Traced(span), _logCluster, stoppingToken);
                    (_committingBatchSpans, _bufferedBatchSpans) = (_bufferedBatchSpans, _committingBatchSpans);
                    _bufferedBatchSpans.Clear();
                    return;
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    IngestTracing.Failed(span, exception);
                    span?.Dispose();
                    var delay = Backoff(attempt);
                    metrics.FlushFailed();
                    backPressure.FlushFailed(exception, attempt, consumer.Assignment.Count);
                    IngestLog.FlushFailed(logger, exception, flush.BufferedTrades, attempt, delay);
                    await WaitPausedAsync(consumer, pending, delay, stoppingToken);
                    if (_resyncReason is not null)
                    {
                        await RewindAsync(consumer, pending, flush, stoppingToken);
                        return;
                    }
                }
                finally
                {
                    Activity.Current = previous;
                }
            }
        }
        finally
        {
            consumer.Resume(consumer.Assignment);
            backPressure.FlushEnded();
        }
    }

    /// <summary>
    /// Waits for the background commit, if one runs: on success commits its offsets to Kafka; when fenced re-reads
    /// from the table; when it failed retries it (its checkpoints are persisted, so only the commit is repeated) with
    /// the partitions paused. False when the consumer re-read, so its buffer is gone.
    /// </summary>
    private async Task<bool> SettleCommitAsync(IConsumer<byte[]?, byte[]?> consumer, PendingBatch pending, ConsumerFlush flush, CancellationToken stoppingToken)
    {
        var paused = false;
        try
        {
            for (var attempt = 1; flush.Commit is { } commit; attempt++)
            {
                try
                {
                    var outcome = await commit;
                    if (outcome.Committed)
                    {
                        flush.EndCommit();
                        _committingBatchSpans.Clear();
                        CommitKafka(consumer, outcome.CommittedOffsets);
                        return true;
                    }

                    IngestLog.FlushFenced(logger, outcome.FencedReason ?? "unknown");
                    _resyncReason = outcome.FencedReason ?? "the flush was fenced";
                    await RewindAsync(consumer, pending, flush, stoppingToken);
                    return false;
                }
                catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                {
                    var delay = Backoff(attempt);
                    paused = true;
                    metrics.FlushFailed();
                    backPressure.FlushFailed(exception, attempt, consumer.Assignment.Count);
                    IngestLog.FlushFailed(logger, exception, flush.CommittingTrades, attempt, delay);
                    await WaitPausedAsync(consumer, pending, delay, stoppingToken);
                    if (_resyncReason is not null)
                    {
                        await RewindAsync(consumer, pending, flush, stoppingToken);
                        return false;
                    }

                    var previous = Activity.Current;
                    flush.RetryCommit(Traced(IngestTracing.StartFlush(_committingBatchSpans, flush.CommittingTrades, attempt + 1)), _logCluster, stoppingToken);
                    Activity.Current = previous;
                }
            }

            return true;
        }
        finally
        {
            if (paused)
            {
                consumer.Resume(consumer.Assignment);
                backPressure.FlushEnded();
            }
        }
    }

    /// <summary>Runs a commit inside <paramref name="span"/> and ends the span with it.</summary>
    private static Func<Func<Task<FlushOutcome>>, Task<FlushOutcome>> Traced(Activity? span) => async commit =>
    {
        try
        {
            return await commit();
        }
        catch (Exception exception)
        {
            IngestTracing.Failed(span, exception);
            throw;
        }
        finally
        {
            span?.Dispose();
        }
    };

    private static async Task WaitPausedAsync(IConsumer<byte[]?, byte[]?> consumer, PendingBatch pending, TimeSpan delay, CancellationToken stoppingToken)
    {
        var until = DateTime.UtcNow + delay;
        while (DateTime.UtcNow < until)
        {
            stoppingToken.ThrowIfCancellationRequested();
            consumer.Pause(consumer.Assignment);
            if (consumer.Consume(TimeSpan.Zero) is { IsPartitionEOF: false } record)
            {
                pending.Hold(record);
            }

            await Task.Delay(PausedPollInterval, stoppingToken);
        }
    }

    private void LogStepFailed(Exception exception, int attempt, TimeSpan delay) => IngestLog.StepFailed(logger, exception, attempt, delay);

    private TimeSpan Backoff(int attempt)
    {
        var doubled = _options.RetryInitialBackoff * Math.Pow(2, Math.Min(attempt - 1, 30));
        return doubled < _options.RetryMaxBackoff ? doubled : _options.RetryMaxBackoff;
    }

    /// <summary>Commits to Kafka what the table now records for the partitions this member owns: for lag, not for resuming.</summary>
    private void CommitKafka(IConsumer<byte[]?, byte[]?> consumer, KafkaOffsetMap committed)
    {
        var offsets = new List<TopicPartitionOffset>();
        foreach (var partition in consumer.Assignment)
        {
            var key = new Flush.TopicPartition(partition.Topic, partition.Partition.Value);
            if (committed.NextOffset(key) is { } next && next > _run.TableOffset(key))
            {
                offsets.Add(new TopicPartitionOffset(partition, next));
                _run.Committed(key, next);
            }
        }

        if (offsets.Count == 0)
        {
            return;
        }

        try
        {
            consumer.Commit(offsets);
            IngestLog.Committed(logger, offsets);
        }
        catch (KafkaException exception)
        {
            IngestLog.CommitFailed(logger, exception, offsets);
        }
    }

    /// <summary>Runs <paramref name="action"/> until it succeeds, with capped exponential backoff; never gives up while running.</summary>
    private async Task<T> UntilDoneAsync<T>(Func<CancellationToken, Task<T>> action, Action<Exception, int, TimeSpan> onFailure, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action(stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                var delay = Backoff(attempt);
                onFailure(exception, attempt, delay);
                await Task.Delay(delay, stoppingToken);
            }
        }
    }
}

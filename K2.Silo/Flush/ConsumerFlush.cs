using K2.Contracts.Avro;
using K2.Contracts.Model;
using K2.Silo.Ingest;
using K2.Silo.Threading;
using Microsoft.Extensions.Options;

namespace K2.Silo.Flush;

/// <summary>
/// The consumer's side of a flush: buffers the trades and quotes grains accepted with the offsets they account for,
/// and commits them in three steps — each grain fed since the last flush cuts and persists its checkpoint at the
/// flush's offsets, each table's commit (one for trades, one for quotes) records its own topics' offsets in its
/// snapshot, then grains are told the commit happened so their hot windows can let the flushed records go. Each
/// table's commit is atomic on its own and each topic's offsets live in exactly one table, so a crash between the two
/// commits leaves each table consistent with its own offsets.
/// <para>
/// The checkpoints are cut on the consumer loop (<see cref="CutAsync"/>, an in-memory copy in each grain): they must be
/// the grains' states at the flush's end, before any later batch reaches them. Writing those cuts to grain storage
/// alongside the data files, then the commits, run in the background (<see cref="StartCommit"/>) while the loop fills the next
/// generation, whose ranges start where the committing one ends; a grain persists its cut, not its live state, so
/// the records of later batches stay out of the checkpoint. At most one generation is committing: the next cut waits
/// for it, because its base checkpoint is the one that commit records. Kafka's offsets are committed only once the
/// table records them (see MarketDataConsumer).
/// </para>
/// Only the consumer loop calls this class; the background commit touches only the committing generation.
/// </summary>
internal sealed partial class ConsumerFlush
{
    private const string TradeFilesThreadName = "k2-flush-trade-files";
    private const string QuoteFilesThreadName = "k2-flush-quote-files";

    private readonly FlushOptions _options;
    private readonly IngestMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger<ConsumerFlush> _logger;
    private readonly Func<FlushGeneration> _newGeneration;
    private FlushGeneration _filling;
    private FlushGeneration? _committing;

    // The last settled generation, emptied: the next StartCommit fills it rather than a new one, so its buffers keep the
    // capacity they grew to instead of growing again from empty through the large-object heap (a flush's worth of
    // record references is an array of megabytes). Only a generation whose commit task has completed becomes the spare.
    private FlushGeneration? _spare;
    private Task<FlushOutcome>? _commit;

    public ConsumerFlush(
        LakehouseTradeFlusher tradeFlusher,
        LakehouseQuoteFlusher quoteFlusher,
        IGrainFactory grains,
        IOptions<FlushOptions> options,
        IngestMetrics metrics,
        TimeProvider time,
        ILogger<ConsumerFlush> logger)
    {
        _options = options.Value;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        _newGeneration = () => new FlushGeneration(tradeFlusher, quoteFlusher, grains, _options.GrainCallsInFlight);
        _filling = _newGeneration();
    }

    /// <summary>Records (trades and quotes) buffered for the next flush.</summary>
    public int BufferedTrades => _filling.Count;

    /// <summary>Records of the generation being committed; 0 when none is.</summary>
    public int CommittingTrades => _committing?.Count ?? 0;

    /// <summary>The background commit, while a generation is committing (completed once it is done, not yet settled).</summary>
    public Task<FlushOutcome>? Commit => _commit;

    public bool HasWork => _filling.HasWork;

    /// <summary>Takes in a processed batch: its accepted records, and every record's offset as processed.</summary>
    public void Record(BatchWork work, ConsumerRun run)
    {
        var now = _time.GetUtcNow();
        foreach (var symbol in work.Symbols)
        {
            switch (symbol)
            {
                case SymbolWork<Trade> trades:
                    _filling.Trades.Add(symbol.Key, symbol.Partition, symbol.LastOffset, trades.Accepted());
                    break;
                case SymbolWork<Quote> quotes:
                    _filling.Quotes.Add(symbol.Key, symbol.Partition, symbol.LastOffset, quotes.Accepted());
                    break;
                default:
                    throw new InvalidOperationException($"No table takes {symbol.Kind} records.");
            }

            run.Sent(symbol.Key, symbol.Partition, symbol.LastOffset);
        }

        foreach (var record in work.Records)
        {
            var partition = new TopicPartition(record.Topic, record.Partition.Value);

            // This generation starts where the committing one ends (its commit moves the table there), else where the
            // table stands.
            var start = _committing?.NextOffset(partition) ?? run.TableOffset(partition);
            var next = record.Offset.Value + 1;
            if (IngestTopics.KindOf(record.Topic) == MarketDataRecordType.Quote)
            {
                _filling.Quotes.MarkProcessed(partition, start, next, now);
            }
            else
            {
                _filling.Trades.MarkProcessed(partition, start, next, now);
            }
        }
    }

    /// <summary>
    /// Whether the buffer must be flushed now. <paramref name="caughtUp"/> (whether the consumer has read everything) is
    /// asked only when the buffer is big enough for it to matter.
    /// </summary>
    public bool IsDue(Func<bool> caughtUp) =>
        _filling.HasWork
        && (_filling.Count >= _options.MaxTrades
            || _time.GetUtcNow() - _filling.FirstAddedAt >= _options.MaxAge
            || (_filling.Count >= _options.CaughtUpMinTrades && caughtUp()));

    /// <summary>Forgets everything buffered and any settled commit: the consumer is about to re-read from the tables' offsets.</summary>
    public void Clear()
    {
        if (_commit is { IsCompleted: false })
        {
            throw new InvalidOperationException("A commit is still running; wait for it (WaitForCommitAsync) before clearing.");
        }

        _filling.Clear();
        EndCommit();
    }

    /// <summary>
    /// Each grain fed since the last flush cuts its checkpoint (in memory) at the filling generation's end offsets; the
    /// background commit persists the cuts. Returns why not when a grain no longer holds what it was sent (nothing may
    /// be committed; re-read). Throws when a grain call fails (the generation stays for a retry). Call only when no
    /// commit is running.
    /// </summary>
    public async Task<string?> CutAsync(string logCluster)
    {
        if (_committing is not null)
        {
            throw new InvalidOperationException("The previous generation is still committing: its commit is this cut's base.");
        }

        var started = _time.GetTimestamp();
        var refusals = await Task.WhenAll(
            _filling.Trades.HasWork ? _filling.Trades.CutAsync(logCluster) : Task.FromResult<string?>(null),
            _filling.Quotes.HasWork ? _filling.Quotes.CutAsync(logCluster) : Task.FromResult<string?>(null));
        _filling.CutTime = _time.GetElapsedTime(started);
        return refusals.FirstOrDefault(refusal => refusal is not null);
    }

    /// <summary>
    /// Hands the prepared filling generation to a background commit (files, table commits, grain confirmations) and
    /// starts filling the next one. <paramref name="commit"/> wraps the commit (e.g. in a trace span).
    /// </summary>
    public void StartCommit(Func<Func<Task<FlushOutcome>>, Task<FlushOutcome>> commit, string logCluster, CancellationToken cancellationToken)
    {
        var committing = _committing = _filling;
        _filling = _spare ?? _newGeneration();
        _spare = null;
        _commit = Task.Run(() => commit(() => CommitAsync(committing, logCluster, cancellationToken)), CancellationToken.None);
    }

    /// <summary>Retries the commit of the generation that is committing (its checkpoints are already persisted).</summary>
    public void RetryCommit(Func<Func<Task<FlushOutcome>>, Task<FlushOutcome>> commit, string logCluster, CancellationToken cancellationToken)
    {
        var committing = _committing ?? throw new InvalidOperationException("No generation is committing.");
        _commit = Task.Run(() => commit(() => CommitAsync(committing, logCluster, cancellationToken)), CancellationToken.None);
    }

    /// <summary>The committing generation is settled (committed, or dropped for a re-read).</summary>
    public void EndCommit()
    {
        if (_committing is { } settled && _commit is null or { IsCompleted: true })
        {
            settled.Clear();
            _spare = settled;
        }

        _committing = null;
        _commit = null;
    }

    /// <summary>Waits for a running commit, whatever its outcome; null when none ran or it failed.</summary>
    public async Task<FlushOutcome?> WaitForCommitAsync()
    {
        if (_commit is null)
        {
            return null;
        }

        try
        {
            return await _commit;
        }
        catch (Exception)
        {
            return null; // A failed commit records nothing; the caller re-reads from the table either way.
        }
    }

    /// <summary>
    /// Persists the grains' cuts while each table with work writes its files, commits each table once both are done,
    /// then confirms to the grains. Throws on a failure before a commit (retried with <see cref="RetryCommit"/>; a table
    /// this generation already committed is not committed again); a fenced outcome (another consumer owns a partition
    /// now, or a grain lost its cut) means the buffers must be dropped and re-read. Files no commit was attempted with
    /// are deleted on every way out but success: a refused or failed persist, a failed write, a fenced or failed commit
    /// of the other table.
    /// </summary>
    private async Task<FlushOutcome> CommitAsync(FlushGeneration generation, string logCluster, CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var persistTime = TimeSpan.Zero;
        var writeTime = TimeSpan.Zero;
        var persist = Timed(PersistCutsAsync(generation, logCluster), elapsed => persistTime = elapsed, started);
        var write = Timed(WriteFilesAsync(generation, cancellationToken), elapsed => writeTime = elapsed, started);
        try
        {
            // A table commit needs both: its files, and the grains' checkpoints at its offsets in storage (a grain
            // restarted after the commit must resume from them, never from before).
            await Task.WhenAll(persist, write);
            if (persist.Result is { } refused)
            {
                await DiscardWrittenAsync(generation);
                _metrics.FlushFenced();
                return FlushOutcome.Fenced(refused);
            }

            var committing = _time.GetTimestamp();
            if ((generation.Trades.HasWork ? await generation.Trades.CommitAsync(logCluster, cancellationToken) : null) is { Committed: false } tradesFenced)
            {
                await DiscardWrittenAsync(generation);
                _metrics.FlushFenced();
                return tradesFenced;
            }

            if ((generation.Quotes.HasWork ? await generation.Quotes.CommitAsync(logCluster, cancellationToken) : null) is { Committed: false } quotesFenced)
            {
                _metrics.FlushFenced();
                return quotesFenced;
            }

            var commitTime = _time.GetElapsedTime(committing);
            var totalTime = _time.GetElapsedTime(started);
            LogTimings(generation.Trades.Count, generation.Quotes.Count, generation.CutTime, persistTime, writeTime, commitTime, totalTime);
        }
        catch (Exception)
        {
            // Nothing references the files no commit was attempted with; a retry writes its own.
            await DiscardWrittenAsync(generation);
            throw;
        }

        var commits = new[] { generation.Trades.Committed, generation.Quotes.Committed }.OfType<FlushOutcome>().ToList();
        foreach (var commit in commits)
        {
            _metrics.Flushed(commit.Rows);
        }

        await ConfirmAsync(generation, logCluster);
        var offsets = commits.Aggregate(KafkaOffsetMap.Empty, (merged, commit) => merged.With(logCluster, commit.CommittedOffsets.Offsets));
        return new FlushOutcome(true, commits.LastOrDefault()?.SnapshotId, commits.Sum(commit => commit.Rows), offsets, null);
    }

    /// <summary>
    /// Each table with work writes its files, both at once, each on a thread of its own: the sort and Parquet encoding
    /// are hundreds of milliseconds of CPU per flush, and as thread-pool work items they sat in the queue ahead of the
    /// grain turns the next batches need, for as long as each item ran. On their own threads the OS time-slices them
    /// with the pool instead (the warehouse's pending files complete their writes on the writer's thread, so the encode
    /// stays there).
    /// </summary>
    private static Task WriteFilesAsync(FlushGeneration generation, CancellationToken cancellationToken) =>
        Task.WhenAll(
            generation.Trades.HasWork ? DedicatedLoopThread.Run(TradeFilesThreadName, () => generation.Trades.WriteAsync(cancellationToken)) : Task.CompletedTask,
            generation.Quotes.HasWork ? DedicatedLoopThread.Run(QuoteFilesThreadName, () => generation.Quotes.WriteAsync(cancellationToken)) : Task.CompletedTask);

    private async Task<T> Timed<T>(Task<T> step, Action<TimeSpan> done, long started)
    {
        var result = await step;
        done(_time.GetElapsedTime(started));
        return result;
    }

    private async Task Timed(Task step, Action<TimeSpan> done, long started)
    {
        await step;
        done(_time.GetElapsedTime(started));
    }

    /// <summary>Deletes the files no commit was attempted with; a file that cannot be deleted is left as a harmless orphan.</summary>
    private async Task DiscardWrittenAsync(FlushGeneration generation)
    {
        try
        {
            await Task.WhenAll(generation.Trades.DiscardWrittenAsync(), generation.Quotes.DiscardWrittenAsync());
        }
        catch (Exception exception)
        {
            LogDiscardFailed(exception);
        }
    }

    /// <summary>
    /// The grains write the checkpoints they cut, before any table commit (a retry after a failed commit writes them
    /// again only when they were not all written). Returns why not when a grain no longer holds its cut.
    /// </summary>
    private static async Task<string?> PersistCutsAsync(FlushGeneration generation, string logCluster)
    {
        var refusals = await Task.WhenAll(
            generation.Trades is { HasWork: true, Persisted: false } trades ? trades.PersistAsync(logCluster) : Task.FromResult<string?>(null),
            generation.Quotes is { HasWork: true, Persisted: false } quotes ? quotes.PersistAsync(logCluster) : Task.FromResult<string?>(null));
        return refusals.FirstOrDefault(refusal => refusal is not null);
    }

    private async Task ConfirmAsync(FlushGeneration generation, string logCluster)
    {
        // The commits are done whatever happens here: a grain that misses its confirmation only keeps flushed records
        // hot a little longer (the next confirmation moves its watermark past them).
        try
        {
            await Task.WhenAll(generation.Trades.ConfirmAsync(logCluster), generation.Quotes.ConfirmAsync(logCluster));
        }
        catch (Exception exception)
        {
            LogConfirmFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Flush of {Trades} trade(s) and {Quotes} quote(s): grain checkpoints cut in {CutTime} (the consumer waits for these); then, at once, persisted in {PersistTime} and files written in {WriteTime}; commits in {CommitTime}; persist to committed {TotalTime}")]
    private partial void LogTimings(int trades, int quotes, TimeSpan cutTime, TimeSpan persistTime, TimeSpan writeTime, TimeSpan commitTime, TimeSpan totalTime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not delete data files no commit references; they stay as orphans (no snapshot lists them)")]
    private partial void LogDiscardFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The flush is committed but some grains were not told; their hot windows catch up at the next flush")]
    private partial void LogConfirmFailed(Exception exception);
}

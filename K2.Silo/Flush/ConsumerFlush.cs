using K2.Contracts.Avro;
using K2.Contracts.Model;
using K2.Silo.Ingest;
using Microsoft.Extensions.Options;

namespace K2.Silo.Flush;

/// <summary>
/// The consumer's side of a flush: buffers the trades and quotes grains accepted with the offsets they account for,
/// and commits them in three steps — each grain fed since the last flush persists its checkpoint at the flush's
/// offsets, each table's commit (one for trades, one for quotes) records its own topics' offsets in its snapshot, then
/// grains are told the commit happened so their hot windows can let the flushed records go. Each table's commit is
/// atomic on its own and each topic's offsets live in exactly one table, so a crash between the two commits leaves
/// each table consistent with its own offsets. Not thread-safe: the consumer loop owns it.
/// </summary>
internal sealed partial class ConsumerFlush(
    LakehouseTradeFlusher tradeFlusher,
    LakehouseQuoteFlusher quoteFlusher,
    IGrainFactory grains,
    IOptions<FlushOptions> options,
    IngestMetrics metrics,
    TimeProvider time,
    ILogger<ConsumerFlush> logger)
{
    private readonly TableFlush<Trade> _trades = new(tradeFlusher, grains);
    private readonly TableFlush<Quote> _quotes = new(quoteFlusher, grains);

    /// <summary>Records (trades and quotes) buffered for the next flush.</summary>
    public int BufferedTrades => _trades.Count + _quotes.Count;

    public bool HasWork => _trades.HasWork || _quotes.HasWork;

    /// <summary>Takes in a processed batch: its accepted records, and every record's offset as processed.</summary>
    public void Record(BatchWork work, ConsumerRun run)
    {
        var now = time.GetUtcNow();
        foreach (var symbol in work.Symbols)
        {
            switch (symbol)
            {
                case SymbolWork<Trade> trades:
                    _trades.Add(symbol.Key, symbol.Partition, symbol.LastOffset, trades.Accepted());
                    break;
                case SymbolWork<Quote> quotes:
                    _quotes.Add(symbol.Key, symbol.Partition, symbol.LastOffset, quotes.Accepted());
                    break;
                default:
                    throw new InvalidOperationException($"No table takes {symbol.Kind} records.");
            }

            run.Sent(symbol.Key, symbol.Partition, symbol.LastOffset);
        }

        foreach (var record in work.Records)
        {
            var partition = new TopicPartition(record.Topic, record.Partition.Value);
            var start = run.TableOffset(partition);
            var next = record.Offset.Value + 1;
            if (IngestTopics.KindOf(record.Topic) == MarketDataRecordType.Quote)
            {
                _quotes.MarkProcessed(partition, start, next, now);
            }
            else
            {
                _trades.MarkProcessed(partition, start, next, now);
            }
        }
    }

    public bool IsDue()
    {
        if (!HasWork)
        {
            return false;
        }

        var oldest = new[] { _trades.FirstAddedAt, _quotes.FirstAddedAt }.Where(at => at is not null).Min();
        return BufferedTrades >= options.Value.MaxTrades || time.GetUtcNow() - oldest >= options.Value.MaxAge;
    }

    /// <summary>Forgets everything buffered: the consumer is about to re-read from the tables' offsets.</summary>
    public void Clear()
    {
        _trades.Clear();
        _quotes.Clear();
    }

    /// <summary>
    /// Prepares grains, commits each table with work, confirms. Throws on a failure before a commit (the buffer stays
    /// for a retry, and a table already committed by this flush is not committed again); a fenced outcome (another
    /// consumer owns a partition now, or a grain lost what it was sent) means the buffer must be dropped and re-read.
    /// </summary>
    public async Task<FlushOutcome> FlushAsync(string logCluster, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var tradesDue = _trades.HasWork;
        var quotesDue = _quotes.HasWork;
        var refusals = await Task.WhenAll(
            tradesDue ? _trades.PrepareAsync(logCluster) : Task.FromResult<string?>(null),
            quotesDue ? _quotes.PrepareAsync(logCluster) : Task.FromResult<string?>(null));
        if (refusals.FirstOrDefault(refusal => refusal is not null) is { } refused)
        {
            return FlushOutcome.Fenced(refused);
        }

        var prepared = time.GetTimestamp();

        if ((tradesDue ? await _trades.CommitAsync(logCluster, cancellationToken) : null) is { Committed: false } tradesFenced)
        {
            metrics.FlushFenced();
            return tradesFenced;
        }

        if ((quotesDue ? await _quotes.CommitAsync(logCluster, cancellationToken) : null) is { Committed: false } quotesFenced)
        {
            metrics.FlushFenced();
            return quotesFenced;
        }

        var commits = new[] { _trades.Committed, _quotes.Committed }.OfType<FlushOutcome>().ToList();
        var prepareTime = time.GetElapsedTime(started, prepared);
        var commitTime = time.GetElapsedTime(prepared);
        LogTimings(_trades.Count, _quotes.Count, prepareTime, commitTime);
        foreach (var commit in commits)
        {
            metrics.Flushed(commit.Rows);
        }

        await ConfirmAsync(logCluster);
        var offsets = commits.Aggregate(KafkaOffsetMap.Empty, (merged, commit) => merged.With(logCluster, commit.CommittedOffsets.Offsets));
        var outcome = new FlushOutcome(true, commits.LastOrDefault()?.SnapshotId, commits.Sum(commit => commit.Rows), offsets, null);
        Clear();
        return outcome;
    }

    private async Task ConfirmAsync(string logCluster)
    {
        // The commits are done whatever happens here: a grain that misses its confirmation only keeps flushed records
        // hot a little longer (the next confirmation moves its watermark past them).
        try
        {
            await Task.WhenAll(_trades.ConfirmAsync(logCluster), _quotes.ConfirmAsync(logCluster));
        }
        catch (Exception exception)
        {
            LogConfirmFailed(exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Flush of {Trades} trade(s) and {Quotes} quote(s): grain checkpoints in {PrepareTime}, files and commits in {CommitTime}")]
    private partial void LogTimings(int trades, int quotes, TimeSpan prepareTime, TimeSpan commitTime);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The flush is committed but some grains were not told; their hot windows catch up at the next flush")]
    private partial void LogConfirmFailed(Exception exception);
}

using K2.Contracts.Model;

namespace K2.Silo.Flush;

/// <summary>
/// Collects a consumer's accepted records of one kind between commits, with the offset range of every partition of
/// their topics processed. Not thread-safe: the consumer loop owns it.
/// </summary>
public sealed class FlushBuffer<TRecord>
    where TRecord : class, IMarketDataRecord
{
    private readonly List<TRecord> _trades = [];
    private readonly Dictionary<TopicPartition, OffsetRange> _offsets = [];

    public int Count => _trades.Count;

    /// <summary>Whether any offset was processed since the last take: a flush of only duplicates still moves offsets on.</summary>
    public bool HasOffsets => _offsets.Count > 0;

    public DateTimeOffset? FirstAddedAt { get; private set; }

    /// <summary>Records that every message of <paramref name="partition"/> before <paramref name="next"/> has been processed.</summary>
    public void MarkProcessed(TopicPartition partition, long start, long next, DateTimeOffset now)
    {
        _offsets[partition] = _offsets.TryGetValue(partition, out var range)
            ? range with { Next = Math.Max(range.Next, next) }
            : new OffsetRange(start, next);
        FirstAddedAt ??= now;
    }

    public void Add(TRecord record) => _trades.Add(record);

    /// <summary>The offset after the last one processed in <paramref name="partition"/>; null if none was.</summary>
    public long? NextOffset(TopicPartition partition) => _offsets.TryGetValue(partition, out var range) ? range.Next : null;

    /// <summary>
    /// What a flush would commit now, as a view of the buffer (no copy of up to a flush's worth of records): valid until
    /// the buffer next changes, and left in place so a failed commit is retried from it.
    /// </summary>
    public FlushBatch<TRecord> Peek() => new(_trades.AsReadOnly(), _offsets.AsReadOnly());

    /// <summary>Hands over a copy of everything buffered and starts empty; the next ranges start where these end.</summary>
    public FlushBatch<TRecord> Take()
    {
        var batch = new FlushBatch<TRecord>([.. _trades], new Dictionary<TopicPartition, OffsetRange>(_offsets));
        Clear();
        return batch;
    }

    /// <summary>Starts empty, e.g. once a flush is committed or dropped for a re-read.</summary>
    public void Clear()
    {
        _trades.Clear();
        _offsets.Clear();
        FirstAddedAt = null;
    }
}

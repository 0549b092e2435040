using K2.Contracts.Model;

namespace K2.Silo.HotWindow;

/// <summary>
/// A symbol's recently accepted records of one kind (trades, quotes) in arrival order (which is platform-sequence
/// order). Records above the flushed
/// watermark are the only copy the query path has of data not yet in the lakehouse, so they stay until a flush is
/// confirmed (bounded by <see cref="HotWindowOptions.MaxUnflushedTrades"/> as a last resort); flushed trades stay only
/// within <see cref="HotWindowOptions.MaxTrades"/> and <see cref="HotWindowOptions.MaxAge"/> for fast recent reads.
/// Memory only: after a restart the window refills from new arrivals, and history is served from the lakehouse.
/// </summary>
public sealed class HotWindow<TRecord>(HotWindowOptions options)
    where TRecord : class, IMarketDataRecord
{
    // Grows on demand so an idle symbol costs a few bytes, not MaxTrades references.
    private const int InitialCapacity = 4;

    private TRecord[] _ring = [];
    private int _start;
    private int _count;
    private DateTimeOffset _newest = DateTimeOffset.MinValue;

    public int Count => _count;

    /// <summary>Highest platform sequence known to be committed to the lakehouse.</summary>
    public long FlushedThrough { get; private set; }

    /// <summary>Trades evicted while still above the watermark because <see cref="HotWindowOptions.MaxUnflushedTrades"/> was hit.</summary>
    public long EvictedUnflushed { get; private set; }

    /// <summary>Newest exchange time among those evicted trades (MinValue: none): the table may get them while no reader sees them hot.</summary>
    public DateTimeOffset NewestEvictedUnflushed { get; private set; } = DateTimeOffset.MinValue;

    public void Add(TRecord trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        if (_count == _ring.Length)
        {
            Grow();
        }

        _ring[(_start + _count) % _ring.Length] = trade;
        _count++;
        if (trade.Timestamp > _newest)
        {
            _newest = trade.Timestamp;
        }

        Evict();
    }

    /// <summary>Moves the watermark up (never down) and lets flushed trades leave the window.</summary>
    public void MarkFlushedThrough(long platformSequence)
    {
        FlushedThrough = Math.Max(FlushedThrough, platformSequence);
        Evict();
    }

    /// <summary>Forgets trades above <paramref name="platformSequence"/>: the grain rolled back to a checkpoint and will see them again.</summary>
    public void DropAbove(long platformSequence)
    {
        while (_count > 0 && SequenceAt(_count - 1) > platformSequence)
        {
            _ring[(_start + _count - 1) % _ring.Length] = null!;
            _count--;
        }

        FlushedThrough = Math.Min(FlushedThrough, platformSequence);
    }

    /// <summary>The newest <paramref name="limit"/> trades, newest arrival first.</summary>
    public IReadOnlyList<TRecord> Latest(int limit)
    {
        var take = Math.Clamp(limit, 0, _count);
        var result = new TRecord[take];
        for (var i = 0; i < take; i++)
        {
            result[i] = At(_count - 1 - i);
        }

        return result;
    }

    /// <summary>The trades above the watermark, oldest first.</summary>
    public IReadOnlyList<TRecord> Unflushed()
    {
        var first = _count;
        while (first > 0 && SequenceAt(first - 1) > FlushedThrough)
        {
            first--;
        }

        var result = new TRecord[_count - first];
        for (var i = first; i < _count; i++)
        {
            result[i - first] = At(i);
        }

        return result;
    }

    /// <summary>The newest records above <paramref name="platformSequence"/>, at most <paramref name="limit"/>, oldest first.</summary>
    public IReadOnlyList<TRecord> After(long platformSequence, int limit)
    {
        var first = _count;
        var floor = Math.Max(0, _count - Math.Max(0, limit));
        while (first > floor && SequenceAt(first - 1) > platformSequence)
        {
            first--;
        }

        var result = new TRecord[_count - first];
        for (var i = first; i < _count; i++)
        {
            result[i - first] = At(i);
        }

        return result;
    }

    private TRecord At(int index) => _ring[(_start + index) % _ring.Length];

    private long SequenceAt(int index) => At(index).PlatformSequence ?? 0;

    private void Grow()
    {
        var grown = new TRecord[Math.Max(InitialCapacity, _ring.Length * 2)];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = At(i);
        }

        _ring = grown;
        _start = 0;
    }

    private void Evict()
    {
        if (_count == 0)
        {
            return;
        }

        var cutoff = _newest - options.MaxAge;
        while (_count > 0)
        {
            var oldest = _ring[_start];
            var flushed = (oldest.PlatformSequence ?? 0) <= FlushedThrough;
            var beyondRecent = _count > options.MaxTrades || oldest.Timestamp < cutoff;
            var overHardBound = _count > options.MaxUnflushedTrades;
            if (!(flushed && beyondRecent) && !overHardBound)
            {
                return;
            }

            if (!flushed)
            {
                EvictedUnflushed++;
                if (oldest.Timestamp > NewestEvictedUnflushed)
                {
                    NewestEvictedUnflushed = oldest.Timestamp;
                }
            }

            _ring[_start] = null!;
            _start = (_start + 1) % _ring.Length;
            _count--;
        }
    }
}

using K2.Contracts.Model;

namespace K2.Silo.HotWindow;

/// <summary>
/// A symbol's recently accepted records of one kind (trades, quotes) in arrival order (which is platform-sequence
/// order). Records above the flushed
/// watermark are the only copy the query path has of data not yet in the lakehouse, so they stay until a flush is
/// confirmed (bounded by <see cref="HotWindowOptions.MaxUnflushedTrades"/> as a last resort); flushed trades stay only
/// within the window's share of the silo's bound (<see cref="HotWindowBudget"/>, at most
/// <see cref="HotWindowOptions.MaxTrades"/>) and <see cref="HotWindowOptions.MaxAge"/> for fast recent reads.
/// Memory only: after a restart the window refills from new arrivals, and history is served from the lakehouse.
/// Records are held as <typeparamref name="TSlot"/> values (see <see cref="HotTrade"/>) and rebuilt for readers.
/// </summary>
/// <remarks>
/// A struct its log holds in a field (and hands out by reference): one object and reference fewer per symbol grain
/// (docs/benchmarks.md, "Session 11"). Copies share the ring, so a copy must not be kept and changed.
/// </remarks>
public struct HotWindow<TRecord, TSlot>(HotWindowBudget budget)
    where TRecord : class, IMarketDataRecord
    where TSlot : struct, IHotSlot<TSlot, TRecord>
{
    // Grows on demand so an idle symbol costs a few slots, not MaxTrades of them; by half (2, 3, 4, 6, 9, ...), not
    // double, because a slot is a value (a hundred bytes for a trade) and the empty half of a doubled ring would cost
    // more than the compact form saves.
    private const int InitialCapacity = 2;

    // A ring at most a quarter full is shrunk after an eviction (to half again the records it holds), so a window whose
    // share fell or whose burst aged out gives its slots back; small rings are left alone.
    private const int ShrinkAboveSlots = 64;
    private const int ShrinkBelowQuarter = 4;

    private TSlot[] _ring = [];
    private int _start;
    private int _count;

    // The newest record time as UTC ticks (an instant is all the bound needs; half a DateTimeOffset).
    private long _newestUtcTicks;

    // Null until the window lets a record go unflushed (see UnflushedEvictions).
    private UnflushedEvictions? _unflushedEvictions;

    public readonly int Count => _count;

    /// <summary>Highest platform sequence known to be committed to the lakehouse.</summary>
    public long FlushedThrough { readonly get; private set; }

    /// <summary>Trades evicted while still above the watermark because <see cref="HotWindowOptions.MaxUnflushedTrades"/> was hit.</summary>
    public readonly long EvictedUnflushed => _unflushedEvictions?.Count ?? 0;

    /// <summary>Newest exchange time among those evicted trades (MinValue: none): the table may get them while no reader sees them hot.</summary>
    public readonly DateTimeOffset NewestEvictedUnflushed => _unflushedEvictions?.Newest ?? DateTimeOffset.MinValue;

    public void Add(TRecord trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        if (_count == 0)
        {
            budget.Join();
        }

        if (_count == _ring.Length)
        {
            Grow();
        }

        // With no record held this is an empty slot, and Pack is told so.
        ref var newest = ref _ring[(_start + _count + _ring.Length - 1) % _ring.Length];
        var slot = TSlot.Pack(trade, in newest, _count > 0);
        _ring[(_start + _count) % _ring.Length] = slot;
        _count++;
        var utcTicks = slot.Timestamp.UtcTicks;
        if (utcTicks > _newestUtcTicks)
        {
            _newestUtcTicks = utcTicks;
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
        var held = _count > 0;
        while (_count > 0 && SequenceAt(_count - 1) > platformSequence)
        {
            _ring[(_start + _count - 1) % _ring.Length] = default;
            _count--;
        }

        if (held && _count == 0)
        {
            budget.Leave();
        }

        FlushedThrough = Math.Min(FlushedThrough, platformSequence);
    }

    /// <summary>Lets every record go and leaves the silo's budget: the grain is deactivating.</summary>
    public void Release()
    {
        if (_count > 0)
        {
            budget.Leave();
        }

        _ring = [];
        _start = 0;
        _count = 0;
    }

    /// <summary>The newest <paramref name="limit"/> trades, newest arrival first.</summary>
    public readonly IReadOnlyList<TRecord> Latest(int limit)
    {
        var take = Math.Clamp(limit, 0, _count);
        var result = new TRecord[take];
        for (var i = 0; i < take; i++)
        {
            result[i] = At(_count - 1 - i).ToRecord();
        }

        return result;
    }

    /// <summary>The trades above the watermark, oldest first.</summary>
    public readonly IReadOnlyList<TRecord> Unflushed()
    {
        var first = _count;
        while (first > 0 && SequenceAt(first - 1) > FlushedThrough)
        {
            first--;
        }

        var result = new TRecord[_count - first];
        for (var i = first; i < _count; i++)
        {
            result[i - first] = At(i).ToRecord();
        }

        return result;
    }

    /// <summary>The newest records above <paramref name="platformSequence"/>, at most <paramref name="limit"/>, oldest first.</summary>
    public readonly IReadOnlyList<TRecord> After(long platformSequence, int limit)
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
            result[i - first] = At(i).ToRecord();
        }

        return result;
    }

    /// <summary>Slots the ring holds now, used or not (what the window costs beyond its records).</summary>
    public readonly int Capacity => _ring.Length;

    private readonly ref TSlot At(int index) => ref _ring[(_start + index) % _ring.Length];

    private readonly long SequenceAt(int index) => At(index).PlatformSequence;

    private void Grow() => Resize(Math.Max(InitialCapacity, _ring.Length + (_ring.Length / 2)));

    private void Resize(int slots)
    {
        var resized = new TSlot[slots];
        for (var i = 0; i < _count; i++)
        {
            resized[i] = At(i);
        }

        _ring = resized;
        _start = 0;
    }

    private void Evict()
    {
        if (_count == 0)
        {
            return;
        }

        var options = budget.Options;
        var maxRecords = budget.MaxRecords;
        var cutoffUtcTicks = _newestUtcTicks - options.MaxAge.Ticks;
        var evicted = false;
        while (_count > 0)
        {
            ref var oldest = ref _ring[_start];
            var timestamp = oldest.Timestamp;
            var flushed = oldest.PlatformSequence <= FlushedThrough;
            var beyondRecent = _count > maxRecords || timestamp.UtcTicks < cutoffUtcTicks;
            var overHardBound = _count > options.MaxUnflushedTrades;
            if (!(flushed && beyondRecent) && !overHardBound)
            {
                break;
            }

            if (!flushed)
            {
                (_unflushedEvictions ??= new UnflushedEvictions()).Add(timestamp);
            }

            _ring[_start] = default;
            _start = (_start + 1) % _ring.Length;
            _count--;
            evicted = true;
        }

        if (evicted && _ring.Length > ShrinkAboveSlots && _count * ShrinkBelowQuarter <= _ring.Length)
        {
            Resize(Math.Max(InitialCapacity, _count + (_count / 2)));
        }
    }
}

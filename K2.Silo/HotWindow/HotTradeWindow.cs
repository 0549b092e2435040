using K2.Contracts.Model;

namespace K2.Silo.HotWindow;

/// <summary>
/// A bounded ring of a symbol's most recently accepted trades, in arrival order. Memory only: after a restart
/// the window refills from new arrivals, and history is served from the lakehouse.
/// </summary>
public sealed class HotTradeWindow(HotWindowOptions options)
{
    // Grows on demand so an idle symbol costs a few bytes, not MaxTrades references.
    private const int InitialCapacity = 16;

    private readonly int _maxTrades = options.MaxTrades;
    private readonly TimeSpan _maxAge = options.MaxAge;
    private Trade[] _ring = [];
    private int _start;
    private int _count;
    private DateTimeOffset _newest = DateTimeOffset.MinValue;

    public int Count => _count;

    public void Add(Trade trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        if (_count == _ring.Length && _ring.Length < _maxTrades)
        {
            Grow();
        }

        var end = (_start + _count) % _ring.Length;
        _ring[end] = trade;
        if (_count == _ring.Length)
        {
            _start = (_start + 1) % _ring.Length;
        }
        else
        {
            _count++;
        }

        if (trade.Timestamp > _newest)
        {
            _newest = trade.Timestamp;
        }

        EvictExpired();
    }

    /// <summary>The newest <paramref name="limit"/> trades, newest arrival first.</summary>
    public IReadOnlyList<Trade> Latest(int limit)
    {
        var take = Math.Clamp(limit, 0, _count);
        var result = new Trade[take];
        for (var i = 0; i < take; i++)
        {
            result[i] = _ring[(_start + _count - 1 - i) % _ring.Length];
        }

        return result;
    }

    private void Grow()
    {
        var grown = new Trade[Math.Min(_maxTrades, Math.Max(InitialCapacity, _ring.Length * 2))];
        for (var i = 0; i < _count; i++)
        {
            grown[i] = _ring[(_start + i) % _ring.Length];
        }

        _ring = grown;
        _start = 0;
    }

    private void EvictExpired()
    {
        var cutoff = _newest - _maxAge;
        while (_count > 0 && _ring[_start].Timestamp < cutoff)
        {
            _ring[_start] = null!;
            _start = (_start + 1) % _ring.Length;
            _count--;
        }
    }
}

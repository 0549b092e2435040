using K2.Lakehouse.Writing;

namespace K2.Lakehouse.Bars;

/// <summary>
/// The minute bars of the rows of one data file, in (exchange, symbol, minute) order. Rows usually arrive sorted by
/// symbol and time (the table's sort order), so consecutive rows extend the same bar; any order gives the same bars.
/// </summary>
internal static class MinuteBars
{
    public const long MinuteMicros = 60_000_000;

    /// <summary>Start of the minute holding <paramref name="micros"/> (floored, also before the epoch).</summary>
    public static long MinuteStart(long micros) => micros - (((micros % MinuteMicros) + MinuteMicros) % MinuteMicros);

    public static IReadOnlyList<MinuteBar> Of<T>(IEnumerable<T> rows, IReadOnlyList<RowColumn<T>> readers, TradeBarColumns columns)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(readers);
        ArgumentNullException.ThrowIfNull(columns);
        var exchangeOf = Reader<T, string>(readers[columns.Exchange]);
        var symbolOf = Reader<T, string>(readers[columns.Symbol]);
        var timestampOf = Reader<T, long>(readers[columns.Timestamp]);
        var sequenceOf = Reader<T, long?>(readers[columns.PlatformSequence]);
        var idOf = Reader<T, string>(readers[columns.TradeId]);
        var priceOf = Reader<T, decimal>(readers[columns.Price]);
        var quantityOf = Reader<T, decimal>(readers[columns.Quantity]);
        var bars = new Dictionary<(string Exchange, string Symbol, long Minute), Builder>();
        Builder? current = null;
        foreach (var row in rows)
        {
            var exchange = exchangeOf(row);
            var symbol = symbolOf(row);
            var timestamp = timestampOf(row);
            var minute = MinuteStart(timestamp);
            if (current is null || current.Minute != minute || !SameText(current.Symbol, symbol) || !SameText(current.Exchange, exchange))
            {
                if (!bars.TryGetValue((exchange, symbol, minute), out current))
                {
                    current = new Builder(exchange, symbol, minute);
                    bars.Add((exchange, symbol, minute), current);
                }
            }

            current.Add(timestamp, sequenceOf(row) ?? Reading.HistoryKey.NoSequence, idOf(row), priceOf(row), quantityOf(row));
        }

        return bars.Values
            .OrderBy(b => b.Exchange, StringComparer.Ordinal)
            .ThenBy(b => b.Symbol, StringComparer.Ordinal)
            .ThenBy(b => b.Minute)
            .Select(b => b.ToBar())
            .ToList();
    }

    // Typed bindings are read without boxing (the writer's bindings usually are); any other binding unboxes. The
    // reader is resolved once per file, not once per row.
    private static Func<T, TValue> Reader<T, TValue>(RowColumn<T> column) =>
        column is RowColumn<T, TValue> typed ? typed.Read : row => (TValue)column.ReadBoxed(row)!;

    // Rows of one symbol usually share the decoder's string instance, which needs no character comparison.
    private static bool SameText(string left, string right) => ReferenceEquals(left, right) || string.Equals(left, right, StringComparison.Ordinal);

    private sealed class Builder(string exchange, string symbol, long minute)
    {
        private Trade _open;
        private Trade _close;
        private decimal _high = decimal.MinValue;
        private decimal _low = decimal.MaxValue;
        private decimal _volume;
        private decimal _notional;
        private long _count;
        private long _maxSequence = long.MinValue;

        public string Exchange { get; } = exchange;

        public string Symbol { get; } = symbol;

        public long Minute { get; } = minute;

        public void Add(long timestamp, long sequence, string id, decimal price, decimal quantity)
        {
            var trade = new Trade(new Reading.HistoryKey(timestamp, sequence, id), price);
            if (_count == 0 || trade.CompareTo(_open) < 0)
            {
                _open = trade;
            }

            if (_count == 0 || trade.CompareTo(_close) > 0)
            {
                _close = trade;
            }

            _high = Math.Max(_high, price);
            _low = Math.Min(_low, price);
            _volume += quantity;
            _notional += price * quantity;
            _maxSequence = Math.Max(_maxSequence, sequence);
            _count++;
        }

        public MinuteBar ToBar() => new(
            Exchange, Symbol, Minute,
            _open.Price, _open.Key.TimestampMicros, _open.Key.Sequence, _open.Key.Id,
            _high, _low,
            _close.Price, _close.Key.TimestampMicros, _close.Key.Sequence, _close.Key.Id,
            _volume, _notional, _count, _maxSequence);
    }

    /// <summary>A trade as the raw query's open/close struct orders it: by key, then by price.</summary>
    private readonly record struct Trade(Reading.HistoryKey Key, decimal Price) : IComparable<Trade>
    {
        public int CompareTo(Trade other)
        {
            var byKey = Key.CompareTo(other.Key);
            return byKey != 0 ? byKey : Price.CompareTo(other.Price);
        }
    }
}

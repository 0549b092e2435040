using K2.Contracts.Model;

namespace K2.IngestBench;

/// <summary>
/// Synthetic Binance-format trades over many symbols with a realistic skew: symbol rank r carries flow proportional
/// to 1/r (Zipf, s=1), so a few symbols carry most of it, as on a real venue. Each symbol's trade ids run 1..n in order.
/// Trade <c>sequence</c> happens at <c>start + sequence × spacing</c> (default: one every microsecond). Shared by the
/// ingest and query benchmarks (the query bench links this file), so both see the same skew.
/// </summary>
internal sealed class SkewedFlow
{
    public const int DefaultSeed = 20261127;
    public static readonly DateTimeOffset DefaultStart = new(2026, 11, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan DefaultSpacing = TimeSpan.FromTicks(10);
    private readonly string[] _symbols;
    private readonly double[] _cumulative;
    private readonly long[] _nextId;
    private readonly Random _random;
    private readonly DateTimeOffset _start;
    private readonly long _spacingTicks;

    public SkewedFlow(int symbols, int seed = DefaultSeed, DateTimeOffset? start = null, TimeSpan? spacing = null)
    {
        _random = new Random(seed);
        _start = start ?? DefaultStart;
        _spacingTicks = (spacing ?? DefaultSpacing).Ticks;
        _symbols = [.. Enumerable.Range(0, symbols).Select(i => $"SYM{i:D4}USDT")];
        var weights = Enumerable.Range(1, symbols).Select(rank => 1.0 / rank).ToArray();
        var total = weights.Sum();
        _cumulative = new double[symbols];
        var running = 0.0;
        for (var i = 0; i < symbols; i++)
        {
            running += weights[i] / total;
            _cumulative[i] = running;
        }

        _nextId = new long[symbols];
    }

    public IReadOnlyList<long> TradesPerSymbol => _nextId;

    /// <summary>The symbols, in the order of <see cref="TradesPerSymbol"/> (busiest first).</summary>
    public IReadOnlyList<string> Symbols => _symbols;

    /// <summary>A symbol drawn with the flow's skew, without producing a trade (e.g. whom a query asks about).</summary>
    public string NextSymbol() => _symbols[NextIndex()];

    public Trade Next(int sequence)
    {
        var index = NextIndex();
        var id = ++_nextId[index];
        var symbol = _symbols[index];
        var at = _start.AddTicks(sequence * _spacingTicks);
        return new Trade
        {
            MessageId = MessageIds.ForTrade("BINANCE", symbol, $"BINANCE-{id}"),
            TradeId = $"BINANCE-{id}",
            Symbol = symbol,
            Exchange = "BINANCE",
            AssetClass = AssetClass.Crypto,
            Timestamp = at,
            Price = 64_000.12345678m + (id % 1000),
            Quantity = 0.00150000m,
            Currency = "USDT",
            Side = id % 2 == 0 ? TradeSide.Buy : TradeSide.Sell,
            SourceSequence = id,
            IngestionTimestamp = at,
        };
    }

    private int NextIndex()
    {
        var index = Array.BinarySearch(_cumulative, _random.NextDouble());
        return Math.Min(index < 0 ? ~index : index, _symbols.Length - 1);
    }
}

using System.Globalization;

namespace K2.Testing.Binance;

/// <summary>
/// The fake exchange's trade history: a deterministic, realistic sequence of trades per symbol. Scripts take trades
/// from it to stream (or skip them to make gaps); the REST endpoint serves any of them up to the latest one taken.
/// </summary>
public sealed class BinanceTradeTape
{
    /// <summary>Trade time of each symbol's first trade on the tape.</summary>
    public static readonly DateTimeOffset Opening = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    private const long MillisecondsBetweenTrades = 7;
    private const long EventLagMilliseconds = 1;

    private static readonly Dictionary<string, (long FirstId, decimal Price)> Markets = new(StringComparer.Ordinal)
    {
        ["BTCUSDT"] = (4_851_805_410, 67_123.45m),
        ["ETHUSDT"] = (2_113_402_087, 3_512.87m),
        ["BNBUSDT"] = (981_220_644, 598.42m),
    };

    private static readonly (long FirstId, decimal Price) OtherMarket = (1_000_000, 1.2345m);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _latest = new(StringComparer.Ordinal);

    public static long FirstId(string symbol) => Market(symbol).FirstId;

    /// <summary>The trade with this id, always the same for the same symbol and id.</summary>
    public static BinanceTradeSample Sample(string symbol, long id)
    {
        var (firstId, basePrice) = Market(symbol);
        var price = basePrice + ((id % 97) * 0.01m);
        var quantity = 0.00012345m * (1 + (id % 9));
        var tradeTime = Opening.ToUnixTimeMilliseconds() + ((id - firstId) * MillisecondsBetweenTrades);
        return new BinanceTradeSample(
            symbol,
            id,
            price.ToString("F8", CultureInfo.InvariantCulture),
            quantity.ToString("F8", CultureInfo.InvariantCulture),
            tradeTime,
            tradeTime + EventLagMilliseconds,
            BuyerIsMaker: id % 3 == 0);
    }

    /// <summary>The next <paramref name="count"/> trades of the symbol, advancing the tape.</summary>
    public BinanceTradeSample[] Take(string symbol, int count)
    {
        lock (_gate)
        {
            var next = _latest.TryGetValue(symbol, out var latest) ? latest + 1 : FirstId(symbol);
            _latest[symbol] = next + count - 1;
            return [.. Enumerable.Range(0, count).Select(offset => Sample(symbol, next + offset))];
        }
    }

    /// <summary>The highest trade id taken so far, or null when the symbol has not traded.</summary>
    public long? Latest(string symbol)
    {
        lock (_gate)
        {
            return _latest.TryGetValue(symbol, out var latest) ? latest : null;
        }
    }

    /// <summary>Trades from <paramref name="fromId"/> on, at most <paramref name="limit"/>, none past the latest.</summary>
    public IReadOnlyList<BinanceTradeSample> Range(string symbol, long fromId, int limit)
    {
        if (Latest(symbol) is not { } latest)
        {
            return [];
        }

        var from = Math.Max(fromId, FirstId(symbol));
        var count = (int)Math.Clamp(latest - from + 1, 0, limit);
        return [.. Enumerable.Range(0, count).Select(offset => Sample(symbol, from + offset))];
    }

    private static (long FirstId, decimal Price) Market(string symbol) =>
        Markets.TryGetValue(symbol, out var market) ? market : OtherMarket;
}

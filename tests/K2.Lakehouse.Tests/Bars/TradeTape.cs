using K2.Contracts.Model;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Tests.Infrastructure;

namespace K2.Lakehouse.Tests.Bars;

/// <summary>
/// A random but reproducible three hours of BINANCE BTCUSDT (plus ETHUSDT as a neighbour in the same files) with the
/// awkward cases of candle maths: bursts of trades at the same microsecond, ids whose order differs from time order,
/// trades without a platform sequence, 8-decimal prices and quantities. Candles are computed here directly from the
/// trades (the scenario's answer), independently of K2's SQL and sidecars.
/// </summary>
internal static class TradeTape
{
    public const string Exchange = "BINANCE";
    public const string Symbol = "BTCUSDT";
    public const long Minute = 60_000_000;

    public static readonly DateTimeOffset Start = MarketDataSamples.Day1.AddHours(10);

    public static List<Trade> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var trades = new List<Trade>(count);
        var at = Start;
        long sequence = 0;
        for (var i = 0; i < count; i++)
        {
            // One in four trades shares the previous trade's microsecond: ties broken by sequence, then id.
            if (i == 0 || random.Next(4) != 0)
            {
                at = at.AddTicks(random.Next(1, 5_400_000) * 10L); // whole microseconds, 2.7 s apart on average
            }

            var symbol = random.Next(5) == 0 ? "ETHUSDT" : Symbol;
            trades.Add(global::K2.Testing.Trades.Binance(random.NextInt64(1, 1_000_000_000), at, symbol) with
            {
                Price = Math.Round(100m + ((decimal)random.NextDouble() * 100m), 8),
                Quantity = Math.Round(0.00000001m + ((decimal)random.NextDouble() * 10m), 8),
                PlatformSequence = random.Next(10) == 0 ? null : ++sequence,
            });
        }

        return trades;
    }

    /// <summary>Appends <paramref name="trades"/> in <paramref name="appends"/> commits, shuffled, so files overlap in time.</summary>
    public static async Task AppendShuffledAsync(LakehouseHarness lakehouse, IReadOnlyList<Trade> trades, int appends, int seed)
    {
        var random = new Random(seed);
        foreach (var part in trades.OrderBy(_ => random.Next()).Chunk(trades.Count / appends + 1))
        {
            await lakehouse.AppendTradesAsync(part);
        }
    }

    /// <summary>The candles of <paramref name="trades"/> that <paramref name="window"/> asks for, computed from the trades.</summary>
    public static List<Candle> Expected(IEnumerable<Trade> trades, HistoryWindow window, long widthMicros)
    {
        var selected = trades.Where(t => t.Exchange == window.Exchange && t.Symbol == window.Symbol
            && (window.From is not { } from || t.Timestamp >= from)
            && (window.Until is not { } until || t.Timestamp < until)
            && (window.MinPrice is not { } minPrice || t.Price >= minPrice)
            && (window.MaxPrice is not { } maxPrice || t.Price <= maxPrice)
            && !Shadowed(t, window.Seam));
        var candles = selected
            .GroupBy(t => Floor(UtcMicros.ToMicros(t.Timestamp), widthMicros))
            .Select(bucket =>
            {
                var ordered = bucket.OrderBy(HistoryKey.Of).ThenBy(t => t.Price).ToList();
                var (open, close) = (ordered[0], ordered[^1]);
                return new Candle(
                    bucket.Key,
                    open.Price,
                    bucket.Max(t => t.Price),
                    bucket.Min(t => t.Price),
                    close.Price,
                    bucket.Sum(t => t.Quantity),
                    bucket.Sum(t => t.Price * t.Quantity),
                    bucket.Count(),
                    HistoryKey.Of(open),
                    HistoryKey.Of(close));
            });
        return [.. (window.Descending ? candles.OrderByDescending(c => c.BucketStartMicros) : candles.OrderBy(c => c.BucketStartMicros)).Take(window.Limit)];
    }

    public static HistoryWindow Window(DateTimeOffset? from, DateTimeOffset? until, bool descending = false, int limit = 10_000) => new()
    {
        Exchange = Exchange,
        Symbol = Symbol,
        From = from,
        Until = until,
        Descending = descending,
        Limit = limit,
    };

    private static bool Shadowed(Trade trade, ColdSeam? seam) =>
        seam is not null && trade.PlatformSequence is { } sequence && sequence > seam.FlushedThroughSequence && seam.HotSequences.Contains(sequence);

    private static long Floor(long micros, long width) => micros - (((micros % width) + width) % width);
}

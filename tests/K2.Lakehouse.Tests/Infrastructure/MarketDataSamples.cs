using K2.Contracts.Model;

namespace K2.Lakehouse.Tests.Infrastructure;

/// <summary>
/// Trades and quotes spread over several partitions (two exchanges, two days) with the awkward values a lakehouse
/// must keep exact: sub-millisecond timestamps, 8-decimal prices, empty and non-empty lists and maps, null sequences.
/// </summary>
public static class MarketDataSamples
{
    public static readonly DateTimeOffset Day1 = new(2026, 3, 10, 0, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Day2 = Day1.AddDays(1);

    /// <summary>
    /// <paramref name="perSymbolPerDay"/> trades for each of BINANCE BTCUSDT/ETHUSDT and ASX BHP/CBA on
    /// <see cref="Day1"/> and <see cref="Day2"/>, deliberately out of order.
    /// </summary>
    public static List<Trade> Trades(int perSymbolPerDay = 6, long firstId = 1)
    {
        var trades = new List<Trade>();
        var id = firstId;
        foreach (var day in new[] { Day2, Day1 })
        {
            for (var i = perSymbolPerDay - 1; i >= 0; i--)
            {
                // 10:00 plus i seconds plus a microsecond component, so truncating to milliseconds would show.
                var at = day.AddHours(10).AddSeconds(i).AddTicks(((i * 7919) % 999) * 10 + 10);
                trades.Add(Binance(id++, at, "ETHUSDT", i));
                trades.Add(Binance(id++, at.AddTicks(10), "BTCUSDT", i));
                trades.Add(Asx(id++, at, "CBA", i));
                trades.Add(Asx(id++, at, "BHP", i));
            }
        }

        return trades;
    }

    public static List<Quote> Quotes(int perSymbolPerDay = 4)
    {
        var quotes = new List<Quote>();
        var id = 1L;
        foreach (var day in new[] { Day1, Day2 })
        {
            foreach (var (exchange, symbol) in new[] { ("BINANCE", "BTCUSDT"), ("ASX", "BHP") })
            {
                for (var i = 0; i < perSymbolPerDay; i++)
                {
                    var quoteId = $"{exchange}-Q{id++}";
                    quotes.Add(new Quote
                    {
                        MessageId = MessageIds.ForQuote(exchange, symbol, quoteId),
                        QuoteId = quoteId,
                        Symbol = symbol,
                        Exchange = exchange,
                        AssetClass = exchange == "ASX" ? AssetClass.Equities : AssetClass.Crypto,
                        Timestamp = day.AddHours(9).AddMilliseconds(i * 250).AddTicks(i * 10 + 30),
                        BidPrice = 67_123.45678901m - i,
                        BidQuantity = 0.00012345m * (i + 1),
                        AskPrice = i == 0 ? 0m : 67_124.00000001m + i, // 0 = empty side of the book
                        AskQuantity = 999_999_999.99999999m,
                        Currency = exchange == "ASX" ? "AUD" : "USDT",
                        SourceSequence = i % 2 == 0 ? id : null,
                        IngestionTimestamp = day.AddHours(9).AddTicks(123_450),
                        PlatformSequence = i % 2 == 1 ? id : null,
                        VendorData = i % 2 == 0
                            ? new Dictionary<string, string> { ["venue"] = exchange, ["level"] = "L1" }
                            : new Dictionary<string, string>(),
                    });
                }
            }
        }

        return quotes;
    }

    private static Trade Binance(long id, DateTimeOffset at, string symbol, int i) =>
        global::K2.Testing.Trades.Binance(id, at, symbol) with
        {
            Price = i % 3 == 0 ? 0.00012345m : 67_123.45678901m + i,
            Quantity = i % 2 == 0 ? 12.5m : 0.00000001m,
            TradeConditions = i % 2 == 0 ? ["@", "T"] : [],
            VendorData = i % 3 == 1 ? new Dictionary<string, string> { ["isBestMatch"] = "true", ["buyerOrderId"] = $"{id * 31}" } : new Dictionary<string, string>(),
            IngestionTimestamp = at.AddMilliseconds(3).AddTicks(70),
        };

    private static Trade Asx(long id, DateTimeOffset at, string symbol, int i) =>
        global::K2.Testing.Trades.Asx((int)id, symbol, at) with
        {
            Price = -9_999_999_999.99999999m + i, // negative extreme of DECIMAL(18,8)
            Side = i % 2 == 0 ? TradeSide.SellShort : TradeSide.Unknown,
            PlatformSequence = i % 2 == 0 ? id : null,
            TradeConditions = i == 1 ? ["XT"] : [],
            IngestionTimestamp = at.AddSeconds(1),
        };
}

using K2.Contracts.Model;

namespace K2.MemoryBench;

/// <summary>Synthetic Binance-format trades; each symbol's trade ids run 1..n in order, timestamps are the wall clock.</summary>
internal static class BenchTrades
{
    public const string Exchange = "BINANCE";

    public static string Symbol(string prefix, int index) => $"{prefix}{index:D5}USDT";

    public static Trade Create(string symbol, long id)
    {
        var now = UtcMicros.Truncate(DateTimeOffset.UtcNow); // Avro timestamps carry microseconds
        return new Trade
        {
            MessageId = MessageIds.ForTrade(Exchange, symbol, $"{Exchange}-{id}"),
            TradeId = $"{Exchange}-{id}",
            Symbol = symbol,
            Exchange = Exchange,
            AssetClass = AssetClass.Crypto,
            Timestamp = now,
            Price = 64_000.12345678m + (id % 1000),
            Quantity = 0.00150000m,
            Currency = "USDT",
            Side = id % 2 == 0 ? TradeSide.Buy : TradeSide.Sell,
            SourceSequence = id,
            IngestionTimestamp = now,
        };
    }
}

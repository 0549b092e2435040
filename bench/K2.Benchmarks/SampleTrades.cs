using K2.Contracts.Model;

namespace K2.Benchmarks;

/// <summary>Realistic trades for the benchmarks: Binance-shaped, with vendor data, exact decimals.</summary>
internal static class SampleTrades
{
    private static readonly DateTimeOffset Start = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    public static Trade Binance(long tradeId) => new()
    {
        MessageId = MessageIds.ForTrade("BINANCE", "BTCUSDT", $"BINANCE-{tradeId}"),
        TradeId = $"BINANCE-{tradeId}",
        Symbol = "BTCUSDT",
        Exchange = "BINANCE",
        AssetClass = AssetClass.Crypto,
        Timestamp = Start.AddTicks(tradeId * 10),
        Price = 67_123.45678901m,
        Quantity = 0.00012345m,
        Currency = "USDT",
        Side = tradeId % 2 == 0 ? TradeSide.Buy : TradeSide.Sell,
        SourceSequence = tradeId,
        IngestionTimestamp = Start,
        VendorData = new Dictionary<string, string> { ["event_time"] = "1710064800123", ["base_asset"] = "BTC" },
    };
}

using K2.Contracts.Model;

namespace K2.Bench.Freshness;

/// <summary>The probe symbol's trades: ids 1..n in publish order, so the newest id visible says which probes are visible.</summary>
internal static class ProbeTrades
{
    public const string Exchange = "BINANCE";
    public const string Symbol = "PROBEUSDT";

    public static Trade Create(long id)
    {
        var now = UtcMicros.Truncate(DateTimeOffset.UtcNow); // Avro timestamps carry microseconds
        return new Trade
        {
            MessageId = MessageIds.ForTrade(Exchange, Symbol, $"PROBE-{id}"),
            TradeId = $"PROBE-{id}",
            Symbol = Symbol,
            Exchange = Exchange,
            AssetClass = AssetClass.Crypto,
            Timestamp = now,
            Price = 1.00000000m,
            Quantity = 0.00100000m,
            Currency = "USDT",
            Side = TradeSide.Buy,
            SourceSequence = id,
            IngestionTimestamp = now,
        };
    }
}

using K2.Contracts.Model;

namespace K2.Testing;

/// <summary>
/// Builds valid trades for tests. Message ids come from <see cref="MessageIds"/> exactly as the feed handlers make
/// them, so a replayed trade collides with its original as it would in production.
/// </summary>
public static class Trades
{
    public static readonly DateTimeOffset BaseTime = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);

    public static Trade Binance(long tradeId, DateTimeOffset? at = null, string symbol = "BTCUSDT") => new()
    {
        MessageId = MessageIds.ForTrade("BINANCE", symbol, $"BINANCE-{tradeId}"),
        TradeId = $"BINANCE-{tradeId}",
        Symbol = symbol,
        Exchange = "BINANCE",
        AssetClass = AssetClass.Crypto,
        Timestamp = at ?? BaseTime.AddMilliseconds(tradeId),
        Price = 67_123.45678901m,
        Quantity = 0.00012345m,
        Currency = "USDT",
        Side = tradeId % 2 == 0 ? TradeSide.Buy : TradeSide.Sell,
        SourceSequence = tradeId,
        IngestionTimestamp = BaseTime,
    };

    /// <summary>An ASX-style trade: no exchange sequence, identified only by its message id.</summary>
    public static Trade Asx(int row, string symbol = "BHP", DateTimeOffset? at = null) => new()
    {
        MessageId = MessageIds.ForTrade("ASX", symbol, $"ASX-{symbol}-{row}"),
        TradeId = $"ASX-{symbol}-{row}",
        Symbol = symbol,
        Exchange = "ASX",
        AssetClass = AssetClass.Equities,
        Timestamp = at ?? BaseTime.AddSeconds(row),
        Price = 36.667m,
        Quantity = 20_000m,
        Currency = "AUD",
        IngestionTimestamp = BaseTime,
    };
}

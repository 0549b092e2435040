namespace K2.Ingestion.Binance.Parsing;

/// <summary>A Binance spot symbol split into its assets, e.g. <c>BTCUSDT</c> = BTC bought and sold in USDT.</summary>
public sealed record BinanceSymbol(string Symbol, string BaseAsset, string QuoteAsset)
{
    /// <summary>The trade stream name Binance uses for this symbol: lower case, <c>btcusdt@trade</c>.</summary>
    public string TradeStream { get; } = TradeStreamOf(Symbol);

    public static string TradeStreamOf(string symbol)
    {
        ArgumentNullException.ThrowIfNull(symbol);
        return $"{symbol.ToLowerInvariant()}@trade";
    }
}

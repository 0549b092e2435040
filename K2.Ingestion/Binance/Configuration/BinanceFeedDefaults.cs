namespace K2.Ingestion.Binance.Configuration;

/// <summary>The production values of the list settings, applied when configuration leaves them empty.</summary>
public static class BinanceFeedDefaults
{
    public static readonly IReadOnlyList<string> Symbols = ["BTCUSDT", "ETHUSDT", "BNBUSDT"];

    /// <summary>Binance's documented spot stream endpoints; port 443 is the fallback for networks that block 9443.</summary>
    public static readonly IReadOnlyList<Uri> WebSocketEndpoints =
    [
        new("wss://stream.binance.com:9443"),
        new("wss://stream.binance.com:443"),
    ];

    public static readonly Uri RestBaseUrl = new("https://api.binance.com");

    /// <summary>
    /// Quote assets of Binance spot markets. Deliberately without short codes that end other assets' names
    /// (AEUR would split ADAEUR into AD/AEUR).
    /// </summary>
    public static readonly IReadOnlyList<string> QuoteAssets =
    [
        "USDT", "USDC", "FDUSD", "BUSD", "TUSD", "USDP", "DAI",
        "BTC", "ETH", "BNB", "XRP", "TRX", "DOGE",
        "EUR", "GBP", "TRY", "BRL", "AUD", "JPY", "ARS", "MXN", "PLN", "RON", "UAH", "ZAR", "IDR", "CZK", "COP",
    ];
}

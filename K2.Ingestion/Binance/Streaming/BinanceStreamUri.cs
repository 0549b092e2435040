using K2.Ingestion.Binance.Parsing;

namespace K2.Ingestion.Binance.Streaming;

/// <summary>The combined-stream URI: <c>{endpoint}/stream?streams=btcusdt@trade/ethusdt@trade/…</c>.</summary>
internal static class BinanceStreamUri
{
    public static Uri Combined(Uri endpoint, IEnumerable<string> symbols) =>
        new(endpoint, "/stream?streams=" + string.Join('/', symbols.Select(BinanceSymbol.TradeStreamOf)));

    /// <summary>The endpoint as positions and logs show it, without the trailing slash.</summary>
    public static string Display(Uri endpoint) => endpoint.AbsoluteUri.TrimEnd('/');
}

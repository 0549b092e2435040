namespace K2.Ingestion.Binance.Parsing;

/// <summary>Keys of <c>vendor_data</c> on Binance trades: the source fields the K2 core envelope has no column for.</summary>
public static class BinanceVendorKeys
{
    /// <summary>Binance event time <c>E</c>, Unix milliseconds (stream only).</summary>
    public const string EventTime = "event_time";

    /// <summary>Binance <c>M</c> / <c>isBestMatch</c>, when Binance sent it.</summary>
    public const string IsBestMatch = "is_best_match";

    public const string BaseAsset = "base_asset";
    public const string QuoteAsset = "quote_asset";

    /// <summary>The combined-stream name the trade arrived on, e.g. <c>btcusdt@trade</c> (stream only).</summary>
    public const string Stream = "stream";

    /// <summary>Where the record came from: <see cref="SourceStream"/> or <see cref="SourceRest"/>.</summary>
    public const string Source = "source";

    /// <summary><c>"true"</c> on trades fetched by gap repair rather than received live.</summary>
    public const string Backfilled = "backfilled";

    /// <summary>REST <c>quoteQty</c>, verbatim (it may carry more than eight decimals).</summary>
    public const string QuoteQuantity = "quote_qty";

    public const string SourceStream = "ws-trade";
    public const string SourceRest = "rest-historicalTrades";
    public const string True = "true";
    public const string False = "false";
}

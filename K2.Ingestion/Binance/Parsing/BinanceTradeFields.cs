namespace K2.Ingestion.Binance.Parsing;

/// <summary>The fields of one Binance trade, whichever API it came from.</summary>
internal readonly record struct BinanceTradeFields(
    BinanceSymbol Symbol,
    long TradeId,
    decimal Price,
    decimal Quantity,
    long TradeTimeMilliseconds,
    bool BuyerIsMaker,
    bool? IsBestMatch);

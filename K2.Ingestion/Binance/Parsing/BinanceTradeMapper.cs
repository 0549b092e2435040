using System.Globalization;
using K2.Contracts.Model;

namespace K2.Ingestion.Binance.Parsing;

/// <summary>
/// Binance trade → K2 trade, shared by the live stream and REST backfill so the same trade gets the same
/// <c>trade_id</c> and <c>message_id</c> either way, and downstream deduplication sees one trade.
/// </summary>
internal static class BinanceTradeMapper
{
    public const string Exchange = "BINANCE";

    /// <summary>Largest Unix-millisecond time a <see cref="DateTimeOffset"/> can hold.</summary>
    public static readonly long MaxUnixMilliseconds = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    private const long MicrosecondsPerMillisecond = 1_000;

    public static string TradeId(long binanceTradeId) =>
        string.Create(CultureInfo.InvariantCulture, $"{Exchange}-{binanceTradeId}");

    /// <summary>Checks the invariants K2 requires and builds the trade, or returns why it cannot.</summary>
    public static BinanceParseError? TryCreate(
        in BinanceTradeFields fields,
        DateTimeOffset ingestedAt,
        Dictionary<string, string> vendorData,
        out Trade? trade)
    {
        trade = null;
        if (Validate(fields) is { } error)
        {
            return error;
        }

        vendorData[BinanceVendorKeys.BaseAsset] = fields.Symbol.BaseAsset;
        vendorData[BinanceVendorKeys.QuoteAsset] = fields.Symbol.QuoteAsset;
        if (fields.IsBestMatch is { } bestMatch)
        {
            vendorData[BinanceVendorKeys.IsBestMatch] = bestMatch ? BinanceVendorKeys.True : BinanceVendorKeys.False;
        }

        var tradeId = TradeId(fields.TradeId);
        trade = new Trade
        {
            MessageId = MessageIds.ForTrade(Exchange, fields.Symbol.Symbol, tradeId),
            TradeId = tradeId,
            Symbol = fields.Symbol.Symbol,
            Exchange = Exchange,
            AssetClass = AssetClass.Crypto,
            Timestamp = UtcMicros.FromMicros(fields.TradeTimeMilliseconds * MicrosecondsPerMillisecond),
            Price = fields.Price,
            Quantity = fields.Quantity,
            Currency = fields.Symbol.QuoteAsset,

            // m = "is the buyer the market maker?": if so the seller took liquidity, so the aggressor sold.
            Side = fields.BuyerIsMaker ? TradeSide.Sell : TradeSide.Buy,
            SourceSequence = fields.TradeId,
            IngestionTimestamp = UtcMicros.Truncate(ingestedAt),
            VendorData = vendorData,
        };
        return null;
    }

    public static bool IsValidUnixMilliseconds(long value) => value >= 0 && value <= MaxUnixMilliseconds;

    private static BinanceParseError? Validate(in BinanceTradeFields fields)
    {
        if (fields.TradeId < 0)
        {
            return new BinanceParseError(BinanceParseErrorCode.InvalidTradeId, $"trade id {fields.TradeId} is negative");
        }

        if (fields.Price <= 0m || fields.Quantity <= 0m)
        {
            return new BinanceParseError(
                BinanceParseErrorCode.NonPositiveValue,
                $"price {fields.Price} and quantity {fields.Quantity} must both be positive");
        }

        return IsValidUnixMilliseconds(fields.TradeTimeMilliseconds)
            ? null
            : new BinanceParseError(
                BinanceParseErrorCode.InvalidTimestamp,
                $"trade time {fields.TradeTimeMilliseconds} is not a Unix time in milliseconds");
    }
}

using K2.Contracts.Model;
using K2.Lakehouse.Tables;

namespace K2.Lakehouse.Writing;

/// <summary>The row layouts of <see cref="Trade"/> and <see cref="Quote"/> for the market-data tables.</summary>
public static class MarketDataLayouts
{
    public static RowLayout<Trade> Trades { get; } = new(new Dictionary<int, Func<Trade, object?>>
    {
        [TradeFields.MessageId] = t => t.MessageId,
        [TradeFields.TradeId] = t => t.TradeId,
        [TradeFields.Symbol] = t => t.Symbol,
        [TradeFields.Exchange] = t => t.Exchange,
        [TradeFields.AssetClass] = t => MarketCodes.Code(t.AssetClass),
        [TradeFields.Timestamp] = t => UtcMicros.ToMicros(t.Timestamp),
        [TradeFields.Price] = t => t.Price,
        [TradeFields.Quantity] = t => t.Quantity,
        [TradeFields.Currency] = t => t.Currency,
        [TradeFields.Side] = t => MarketCodes.Code(t.Side),
        [TradeFields.TradeConditions] = t => t.TradeConditions,
        [TradeFields.SourceSequence] = t => t.SourceSequence,
        [TradeFields.IngestionTimestamp] = t => UtcMicros.ToMicros(t.IngestionTimestamp),
        [TradeFields.PlatformSequence] = t => t.PlatformSequence,
        [TradeFields.VendorData] = t => t.VendorData,
    });

    public static RowLayout<Quote> Quotes { get; } = new(new Dictionary<int, Func<Quote, object?>>
    {
        [QuoteFields.MessageId] = q => q.MessageId,
        [QuoteFields.QuoteId] = q => q.QuoteId,
        [QuoteFields.Symbol] = q => q.Symbol,
        [QuoteFields.Exchange] = q => q.Exchange,
        [QuoteFields.AssetClass] = q => MarketCodes.Code(q.AssetClass),
        [QuoteFields.Timestamp] = q => UtcMicros.ToMicros(q.Timestamp),
        [QuoteFields.BidPrice] = q => q.BidPrice,
        [QuoteFields.BidQuantity] = q => q.BidQuantity,
        [QuoteFields.AskPrice] = q => q.AskPrice,
        [QuoteFields.AskQuantity] = q => q.AskQuantity,
        [QuoteFields.Currency] = q => q.Currency,
        [QuoteFields.SourceSequence] = q => q.SourceSequence,
        [QuoteFields.IngestionTimestamp] = q => UtcMicros.ToMicros(q.IngestionTimestamp),
        [QuoteFields.PlatformSequence] = q => q.PlatformSequence,
        [QuoteFields.VendorData] = q => q.VendorData,
    });
}

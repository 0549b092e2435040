using K2.Contracts.Model;
using K2.Lakehouse.Tables;

namespace K2.Lakehouse.Writing;

/// <summary>
/// The row layouts of <see cref="Trade"/> and <see cref="Quote"/> for the market-data tables, each column bound with
/// its own type so a flush writes its typed column buffers straight from the records.
/// </summary>
public static class MarketDataLayouts
{
    public static RowLayout<Trade> Trades { get; } = new(new Dictionary<int, RowColumn<Trade>>
    {
        [TradeFields.MessageId] = Typed<Trade, Guid>(t => t.MessageId),
        [TradeFields.TradeId] = Typed<Trade, string>(t => t.TradeId),
        [TradeFields.Symbol] = Typed<Trade, string>(t => t.Symbol),
        [TradeFields.Exchange] = Typed<Trade, string>(t => t.Exchange),
        [TradeFields.AssetClass] = Typed<Trade, string>(t => MarketCodes.Code(t.AssetClass)),
        [TradeFields.Timestamp] = Typed<Trade, long>(t => UtcMicros.ToMicros(t.Timestamp)),
        [TradeFields.Price] = Typed<Trade, decimal>(t => t.Price),
        [TradeFields.Quantity] = Typed<Trade, decimal>(t => t.Quantity),
        [TradeFields.Currency] = Typed<Trade, string>(t => t.Currency),
        [TradeFields.Side] = Typed<Trade, string>(t => MarketCodes.Code(t.Side)),
        [TradeFields.TradeConditions] = Typed<Trade, IReadOnlyList<string>>(t => t.TradeConditions),
        [TradeFields.SourceSequence] = Typed<Trade, long?>(t => t.SourceSequence),
        [TradeFields.IngestionTimestamp] = Typed<Trade, long>(t => UtcMicros.ToMicros(t.IngestionTimestamp)),
        [TradeFields.PlatformSequence] = Typed<Trade, long?>(t => t.PlatformSequence),
        [TradeFields.VendorData] = Typed<Trade, IReadOnlyDictionary<string, string>>(t => t.VendorData),
    });

    public static RowLayout<Quote> Quotes { get; } = new(new Dictionary<int, RowColumn<Quote>>
    {
        [QuoteFields.MessageId] = Typed<Quote, Guid>(q => q.MessageId),
        [QuoteFields.QuoteId] = Typed<Quote, string>(q => q.QuoteId),
        [QuoteFields.Symbol] = Typed<Quote, string>(q => q.Symbol),
        [QuoteFields.Exchange] = Typed<Quote, string>(q => q.Exchange),
        [QuoteFields.AssetClass] = Typed<Quote, string>(q => MarketCodes.Code(q.AssetClass)),
        [QuoteFields.Timestamp] = Typed<Quote, long>(q => UtcMicros.ToMicros(q.Timestamp)),
        [QuoteFields.BidPrice] = Typed<Quote, decimal>(q => q.BidPrice),
        [QuoteFields.BidQuantity] = Typed<Quote, decimal>(q => q.BidQuantity),
        [QuoteFields.AskPrice] = Typed<Quote, decimal>(q => q.AskPrice),
        [QuoteFields.AskQuantity] = Typed<Quote, decimal>(q => q.AskQuantity),
        [QuoteFields.Currency] = Typed<Quote, string>(q => q.Currency),
        [QuoteFields.SourceSequence] = Typed<Quote, long?>(q => q.SourceSequence),
        [QuoteFields.IngestionTimestamp] = Typed<Quote, long>(q => UtcMicros.ToMicros(q.IngestionTimestamp)),
        [QuoteFields.PlatformSequence] = Typed<Quote, long?>(q => q.PlatformSequence),
        [QuoteFields.VendorData] = Typed<Quote, IReadOnlyDictionary<string, string>>(q => q.VendorData),
    });

    private static RowColumn<TRow> Typed<TRow, TValue>(Func<TRow, TValue> read) => new RowColumn<TRow, TValue>(read);
}

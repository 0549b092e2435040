using K2.Contracts.Model;
using K2.Lakehouse.Tables;

namespace K2.Api.Responses;

/// <summary>One trade on the wire (see <see cref="WireFormat"/>); codes as stored in the lakehouse.</summary>
public sealed record TradeResponse(
    string TradeId,
    Guid MessageId,
    string Exchange,
    string Symbol,
    string AssetClass,
    string Timestamp,
    string Price,
    string Quantity,
    string Currency,
    string Side,
    IReadOnlyList<string> TradeConditions,
    long? SourceSequence,
    long? PlatformSequence,
    string IngestionTimestamp,
    IReadOnlyDictionary<string, string> VendorData)
{
    public static TradeResponse From(Trade trade)
    {
        ArgumentNullException.ThrowIfNull(trade);
        return new(
            trade.TradeId,
            trade.MessageId,
            trade.Exchange,
            trade.Symbol,
            MarketCodes.Code(trade.AssetClass),
            WireFormat.Timestamp(trade.Timestamp),
            WireFormat.Exact(trade.Price),
            WireFormat.Exact(trade.Quantity),
            trade.Currency,
            MarketCodes.Code(trade.Side),
            trade.TradeConditions,
            trade.SourceSequence,
            trade.PlatformSequence,
            WireFormat.Timestamp(trade.IngestionTimestamp),
            trade.VendorData);
    }
}

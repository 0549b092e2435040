using K2.Contracts.Model;
using K2.Lakehouse.Tables;

namespace K2.Api.Responses;

/// <summary>One quote on the wire (see <see cref="WireFormat"/>); a zero price or quantity is an empty side.</summary>
public sealed record QuoteResponse(
    string QuoteId,
    Guid MessageId,
    string Exchange,
    string Symbol,
    string AssetClass,
    string Timestamp,
    string BidPrice,
    string BidQuantity,
    string AskPrice,
    string AskQuantity,
    string Currency,
    long? SourceSequence,
    long? PlatformSequence,
    string IngestionTimestamp,
    IReadOnlyDictionary<string, string> VendorData)
{
    public static QuoteResponse From(Quote quote)
    {
        ArgumentNullException.ThrowIfNull(quote);
        return new(
            quote.QuoteId,
            quote.MessageId,
            quote.Exchange,
            quote.Symbol,
            MarketCodes.Code(quote.AssetClass),
            WireFormat.Timestamp(quote.Timestamp),
            WireFormat.Exact(quote.BidPrice),
            WireFormat.Exact(quote.BidQuantity),
            WireFormat.Exact(quote.AskPrice),
            WireFormat.Exact(quote.AskQuantity),
            quote.Currency,
            quote.SourceSequence,
            quote.PlatformSequence,
            WireFormat.Timestamp(quote.IngestionTimestamp),
            quote.VendorData);
    }
}

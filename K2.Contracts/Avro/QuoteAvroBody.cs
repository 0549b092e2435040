using K2.Contracts.Model;

namespace K2.Contracts.Avro;

/// <summary>
/// The field order of <c>io.k2.marketdata.v2.Quote</c> (Schemas/quote.avsc). This file and the .avsc change
/// together; the cross-implementation tests fail when they disagree.
/// </summary>
internal readonly struct QuoteAvroBody : IAvroRecordBody<Quote>
{
    private const string MessageId = "message_id";
    private const string QuoteId = "quote_id";
    private const string Symbol = "symbol";
    private const string Exchange = "exchange";
    private const string AssetClass = "asset_class";
    private const string Timestamp = "timestamp";
    private const string BidPrice = "bid_price";
    private const string BidQuantity = "bid_quantity";
    private const string AskPrice = "ask_price";
    private const string AskQuantity = "ask_quantity";
    private const string Currency = "currency";
    private const string SourceSequence = "source_sequence";
    private const string IngestionTimestamp = "ingestion_timestamp";
    private const string PlatformSequence = "platform_sequence";
    private const string VendorData = "vendor_data";

    /// <summary>Fixed-size fields: uuid, asset_class, two timestamps, four decimals, two nullable longs.</summary>
    private const int FixedMaxLength =
        AvroBinaryWriter.UuidLength
        + AvroBinaryWriter.MaxIntLength
        + (2 * AvroBinaryWriter.MaxLongLength)
        + (4 * AvroBinaryWriter.MaxDecimalLength)
        + (2 * AvroBinaryWriter.MaxNullableLongLength);

    public static MarketDataSchema Schema => MarketDataSchemas.Quote;

    public static long GetMaxBodyLength(Quote quote) =>
        FixedMaxLength
        + AvroBinaryWriter.MaxStringLength(quote.QuoteId, QuoteId)
        + AvroBinaryWriter.MaxStringLength(quote.Symbol, Symbol)
        + AvroBinaryWriter.MaxStringLength(quote.Exchange, Exchange)
        + AvroBinaryWriter.MaxStringLength(quote.Currency, Currency)
        + AvroBinaryWriter.MaxStringMapLength(quote.VendorData, VendorData);

    public static void Write(Quote quote, ref AvroBinaryWriter writer)
    {
        writer.WriteUuid(quote.MessageId);
        writer.WriteString(quote.QuoteId, QuoteId);
        writer.WriteString(quote.Symbol, Symbol);
        writer.WriteString(quote.Exchange, Exchange);
        writer.WriteInt(MarketDataEnumSymbols.AssetClass.IndexOf(quote.AssetClass, AssetClass));
        writer.WriteTimestampMicros(quote.Timestamp, Timestamp);
        writer.WriteDecimal(quote.BidPrice, BidPrice);
        writer.WriteDecimal(quote.BidQuantity, BidQuantity);
        writer.WriteDecimal(quote.AskPrice, AskPrice);
        writer.WriteDecimal(quote.AskQuantity, AskQuantity);
        writer.WriteString(quote.Currency, Currency);
        writer.WriteNullableLong(quote.SourceSequence);
        writer.WriteTimestampMicros(quote.IngestionTimestamp, IngestionTimestamp);
        writer.WriteNullableLong(quote.PlatformSequence);
        writer.WriteStringMap(quote.VendorData, VendorData);
    }

    public static Quote? Read(ref AvroBinaryReader reader)
    {
        var assetClasses = MarketDataEnumSymbols.AssetClass;

        // Locals in wire order: object-initializer order is not a contract, the read order is.
        var messageId = reader.ReadUuid(MessageId);
        var quoteId = reader.ReadString(QuoteId);
        var symbol = reader.ReadRepeatedString(Symbol);
        var exchange = reader.ReadRepeatedString(Exchange);
        var assetClass = assetClasses.At(reader.ReadEnumIndex(assetClasses.Count, AssetClass));
        var timestamp = reader.ReadTimestampMicros(Timestamp);
        var bidPrice = reader.ReadDecimal(BidPrice);
        var bidQuantity = reader.ReadDecimal(BidQuantity);
        var askPrice = reader.ReadDecimal(AskPrice);
        var askQuantity = reader.ReadDecimal(AskQuantity);
        var currency = reader.ReadRepeatedString(Currency);
        var sourceSequence = reader.ReadNullableLong(SourceSequence);
        var ingestionTimestamp = reader.ReadTimestampMicros(IngestionTimestamp);
        var platformSequence = reader.ReadNullableLong(PlatformSequence);
        var vendorData = reader.ReadStringMap(VendorData);

        return reader.Failed
            ? null
            : new Quote
            {
                MessageId = messageId,
                QuoteId = quoteId,
                Symbol = symbol,
                Exchange = exchange,
                AssetClass = assetClass,
                Timestamp = timestamp,
                BidPrice = bidPrice,
                BidQuantity = bidQuantity,
                AskPrice = askPrice,
                AskQuantity = askQuantity,
                Currency = currency,
                SourceSequence = sourceSequence,
                IngestionTimestamp = ingestionTimestamp,
                PlatformSequence = platformSequence,
                VendorData = vendorData,
            };
    }
}

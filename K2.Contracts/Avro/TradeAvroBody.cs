using K2.Contracts.Model;

namespace K2.Contracts.Avro;

/// <summary>
/// The field order of <c>io.k2.marketdata.v2.Trade</c> (Schemas/trade.avsc). This file and the .avsc change
/// together; the cross-implementation tests fail when they disagree.
/// </summary>
internal readonly struct TradeAvroBody : IAvroRecordBody<Trade>
{
    private const string MessageId = "message_id";
    private const string TradeId = "trade_id";
    private const string Symbol = "symbol";
    private const string Exchange = "exchange";
    private const string AssetClass = "asset_class";
    private const string Timestamp = "timestamp";
    private const string Price = "price";
    private const string Quantity = "quantity";
    private const string Currency = "currency";
    private const string Side = "side";
    private const string TradeConditions = "trade_conditions";
    private const string SourceSequence = "source_sequence";
    private const string IngestionTimestamp = "ingestion_timestamp";
    private const string PlatformSequence = "platform_sequence";
    private const string VendorData = "vendor_data";

    /// <summary>Fixed-size fields: uuid, asset_class, two timestamps, two decimals, side, two nullable longs.</summary>
    private const int FixedMaxLength =
        AvroBinaryWriter.UuidLength
        + AvroBinaryWriter.MaxIntLength
        + (2 * AvroBinaryWriter.MaxLongLength)
        + (2 * AvroBinaryWriter.MaxDecimalLength)
        + AvroBinaryWriter.MaxIntLength
        + (2 * AvroBinaryWriter.MaxNullableLongLength);

    public static MarketDataSchema Schema => MarketDataSchemas.Trade;

    public static long GetMaxBodyLength(Trade trade) =>
        FixedMaxLength
        + AvroBinaryWriter.MaxStringLength(trade.TradeId, TradeId)
        + AvroBinaryWriter.MaxStringLength(trade.Symbol, Symbol)
        + AvroBinaryWriter.MaxStringLength(trade.Exchange, Exchange)
        + AvroBinaryWriter.MaxStringLength(trade.Currency, Currency)
        + AvroBinaryWriter.MaxStringArrayLength(trade.TradeConditions, TradeConditions)
        + AvroBinaryWriter.MaxStringMapLength(trade.VendorData, VendorData);

    public static void Write(Trade trade, ref AvroBinaryWriter writer)
    {
        writer.WriteUuid(trade.MessageId);
        writer.WriteString(trade.TradeId, TradeId);
        writer.WriteString(trade.Symbol, Symbol);
        writer.WriteString(trade.Exchange, Exchange);
        writer.WriteInt(MarketDataEnumSymbols.AssetClass.IndexOf(trade.AssetClass, AssetClass));
        writer.WriteTimestampMicros(trade.Timestamp, Timestamp);
        writer.WriteDecimal(trade.Price, Price);
        writer.WriteDecimal(trade.Quantity, Quantity);
        writer.WriteString(trade.Currency, Currency);
        writer.WriteInt(MarketDataEnumSymbols.TradeSide.IndexOf(trade.Side, Side));
        writer.WriteStringArray(trade.TradeConditions, TradeConditions);
        writer.WriteNullableLong(trade.SourceSequence);
        writer.WriteTimestampMicros(trade.IngestionTimestamp, IngestionTimestamp);
        writer.WriteNullableLong(trade.PlatformSequence);
        writer.WriteStringMap(trade.VendorData, VendorData);
    }

    public static Trade? Read(ref AvroBinaryReader reader)
    {
        var assetClasses = MarketDataEnumSymbols.AssetClass;
        var sides = MarketDataEnumSymbols.TradeSide;

        // Locals in wire order: object-initializer order is not a contract, the read order is.
        var messageId = reader.ReadUuid(MessageId);
        var tradeId = reader.ReadString(TradeId);
        var symbol = reader.ReadRepeatedString(Symbol);
        var exchange = reader.ReadRepeatedString(Exchange);
        var assetClass = assetClasses.At(reader.ReadEnumIndex(assetClasses.Count, AssetClass));
        var timestamp = reader.ReadTimestampMicros(Timestamp);
        var price = reader.ReadDecimal(Price);
        var quantity = reader.ReadDecimal(Quantity);
        var currency = reader.ReadRepeatedString(Currency);
        var side = sides.At(reader.ReadEnumIndex(sides.Count, Side));
        var tradeConditions = reader.ReadStringArray(TradeConditions);
        var sourceSequence = reader.ReadNullableLong(SourceSequence);
        var ingestionTimestamp = reader.ReadTimestampMicros(IngestionTimestamp);
        var platformSequence = reader.ReadNullableLong(PlatformSequence);
        var vendorData = reader.ReadStringMap(VendorData);

        return reader.Failed
            ? null
            : new Trade
            {
                MessageId = messageId,
                TradeId = tradeId,
                Symbol = symbol,
                Exchange = exchange,
                AssetClass = assetClass,
                Timestamp = timestamp,
                Price = price,
                Quantity = quantity,
                Currency = currency,
                Side = side,
                TradeConditions = tradeConditions,
                SourceSequence = sourceSequence,
                IngestionTimestamp = ingestionTimestamp,
                PlatformSequence = platformSequence,
                VendorData = vendorData,
            };
    }
}

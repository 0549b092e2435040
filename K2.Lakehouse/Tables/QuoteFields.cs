using K2.Lakehouse.Iceberg.Types;

namespace K2.Lakehouse.Tables;

/// <summary>The <c>market_data.quotes</c> schema; ids are explicit and permanent, as for trades.</summary>
public static class QuoteFields
{
    public const int MessageId = 1;
    public const int QuoteId = 2;
    public const int Symbol = 3;
    public const int Exchange = 4;
    public const int AssetClass = 5;
    public const int Timestamp = 6;
    public const int BidPrice = 7;
    public const int BidQuantity = 8;
    public const int AskPrice = 9;
    public const int AskQuantity = 10;
    public const int Currency = 11;
    public const int SourceSequence = 12;
    public const int IngestionTimestamp = 13;
    public const int PlatformSequence = 14;
    public const int VendorData = 15;
    public const int VendorDataKey = 16;
    public const int VendorDataValue = 17;

    public static IcebergSchema Schema { get; } = new(0,
    [
        NestedField.Require(MessageId, "message_id", PrimitiveType.Uuid, "Deterministic UUIDv5 deduplication key"),
        NestedField.Require(QuoteId, "quote_id", PrimitiveType.String),
        NestedField.Require(Symbol, "symbol", PrimitiveType.String),
        NestedField.Require(Exchange, "exchange", PrimitiveType.String),
        NestedField.Require(AssetClass, "asset_class", PrimitiveType.String),
        NestedField.Require(Timestamp, "timestamp", PrimitiveType.TimestampTz, "Exchange time, UTC, microseconds"),
        NestedField.Require(BidPrice, "bid_price", MarketTypes.Decimal),
        NestedField.Require(BidQuantity, "bid_quantity", MarketTypes.Decimal),
        NestedField.Require(AskPrice, "ask_price", MarketTypes.Decimal),
        NestedField.Require(AskQuantity, "ask_quantity", MarketTypes.Decimal),
        NestedField.Require(Currency, "currency", PrimitiveType.String),
        NestedField.Optional(SourceSequence, "source_sequence", PrimitiveType.Long),
        NestedField.Require(IngestionTimestamp, "ingestion_timestamp", PrimitiveType.TimestampTz),
        NestedField.Optional(PlatformSequence, "platform_sequence", PrimitiveType.Long),
        NestedField.Optional(VendorData, "vendor_data", MarketTypes.StringMap(VendorDataKey, VendorDataValue), MarketTypes.NestedOptionalDoc),
    ]);
}

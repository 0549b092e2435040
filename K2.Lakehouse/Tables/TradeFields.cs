using K2.Lakehouse.Iceberg.Types;

namespace K2.Lakehouse.Tables;

/// <summary>
/// The <c>market_data.trades</c> schema. Field ids are explicit and permanent: they are how every engine finds a
/// column in old files, so a new column gets a new id and an id is never reused.
/// </summary>
public static class TradeFields
{
    public const int MessageId = 1;
    public const int TradeId = 2;
    public const int Symbol = 3;
    public const int Exchange = 4;
    public const int AssetClass = 5;
    public const int Timestamp = 6;
    public const int Price = 7;
    public const int Quantity = 8;
    public const int Currency = 9;
    public const int Side = 10;
    public const int TradeConditions = 11;
    public const int SourceSequence = 12;
    public const int IngestionTimestamp = 13;
    public const int PlatformSequence = 14;
    public const int VendorData = 15;
    public const int TradeConditionsElement = 16;
    public const int VendorDataKey = 17;
    public const int VendorDataValue = 18;

    public static IcebergSchema Schema { get; } = new(0,
    [
        NestedField.Require(MessageId, "message_id", PrimitiveType.Uuid, "Deterministic UUIDv5 deduplication key"),
        NestedField.Require(TradeId, "trade_id", PrimitiveType.String),
        NestedField.Require(Symbol, "symbol", PrimitiveType.String),
        NestedField.Require(Exchange, "exchange", PrimitiveType.String),
        NestedField.Require(AssetClass, "asset_class", PrimitiveType.String),
        NestedField.Require(Timestamp, "timestamp", PrimitiveType.TimestampTz, "Exchange time, UTC, microseconds"),
        NestedField.Require(Price, "price", MarketTypes.Decimal),
        NestedField.Require(Quantity, "quantity", MarketTypes.Decimal),
        NestedField.Require(Currency, "currency", PrimitiveType.String),
        NestedField.Require(Side, "side", PrimitiveType.String),
        NestedField.Optional(TradeConditions, "trade_conditions", new ListType(TradeConditionsElement, true, PrimitiveType.String), MarketTypes.NestedOptionalDoc),
        NestedField.Optional(SourceSequence, "source_sequence", PrimitiveType.Long),
        NestedField.Require(IngestionTimestamp, "ingestion_timestamp", PrimitiveType.TimestampTz),
        NestedField.Optional(PlatformSequence, "platform_sequence", PrimitiveType.Long),
        NestedField.Optional(VendorData, "vendor_data", MarketTypes.StringMap(VendorDataKey, VendorDataValue), MarketTypes.NestedOptionalDoc),
    ]);
}

using System.Data.Common;
using K2.Contracts.Model;
using K2.Lakehouse.Tables;

namespace K2.Lakehouse.Reading;

/// <summary>
/// Column lists and row mappers for trades and quotes. Timestamps are selected as epoch microseconds so they come
/// back exact; DECIMAL(18,8) values arrive as <see cref="decimal"/> without rounding.
/// </summary>
internal static class MarketDataRows
{
    public const string TradeColumns =
        "message_id, trade_id, symbol, exchange, asset_class, epoch_us(\"timestamp\"), price, quantity, currency, side, " +
        "trade_conditions, source_sequence, epoch_us(ingestion_timestamp), platform_sequence, vendor_data";

    public const string QuoteColumns =
        "message_id, quote_id, symbol, exchange, asset_class, epoch_us(\"timestamp\"), bid_price, bid_quantity, ask_price, ask_quantity, " +
        "currency, source_sequence, epoch_us(ingestion_timestamp), platform_sequence, vendor_data";

    public static Trade ToTrade(DbDataReader row) => new()
    {
        MessageId = row.GetGuid(0),
        TradeId = row.GetString(1),
        Symbol = row.GetString(2),
        Exchange = row.GetString(3),
        AssetClass = MarketCodes.ParseAssetClass(row.GetString(4)),
        Timestamp = UtcMicros.FromMicros(row.GetInt64(5)),
        Price = row.GetDecimal(6),
        Quantity = row.GetDecimal(7),
        Currency = row.GetString(8),
        Side = MarketCodes.ParseSide(row.GetString(9)),
        TradeConditions = row.IsDBNull(10) ? [] : row.GetFieldValue<List<string>>(10),
        SourceSequence = row.IsDBNull(11) ? null : row.GetInt64(11),
        IngestionTimestamp = UtcMicros.FromMicros(row.GetInt64(12)),
        PlatformSequence = row.IsDBNull(13) ? null : row.GetInt64(13),
        VendorData = Map(row, 14),
    };

    public static Quote ToQuote(DbDataReader row) => new()
    {
        MessageId = row.GetGuid(0),
        QuoteId = row.GetString(1),
        Symbol = row.GetString(2),
        Exchange = row.GetString(3),
        AssetClass = MarketCodes.ParseAssetClass(row.GetString(4)),
        Timestamp = UtcMicros.FromMicros(row.GetInt64(5)),
        BidPrice = row.GetDecimal(6),
        BidQuantity = row.GetDecimal(7),
        AskPrice = row.GetDecimal(8),
        AskQuantity = row.GetDecimal(9),
        Currency = row.GetString(10),
        SourceSequence = row.IsDBNull(11) ? null : row.GetInt64(11),
        IngestionTimestamp = UtcMicros.FromMicros(row.GetInt64(12)),
        PlatformSequence = row.IsDBNull(13) ? null : row.GetInt64(13),
        VendorData = Map(row, 14),
    };

    private static Dictionary<string, string> Map(DbDataReader row, int ordinal) =>
        row.IsDBNull(ordinal) ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(row.GetFieldValue<Dictionary<string, string>>(ordinal), StringComparer.Ordinal);
}

using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Tables;

namespace K2.Lakehouse.Bars;

/// <summary>
/// Where a trades schema keeps the columns a minute bar needs, as positions in the schema's field list (the order
/// <c>DataFileWriter</c> reads row values in). Found by field id and name, so a quotes table (whose ids overlap) or
/// any other table has none and gets no bar sidecars.
/// </summary>
internal sealed record TradeBarColumns(int Exchange, int Symbol, int Timestamp, int Price, int Quantity, int TradeId, int PlatformSequence)
{
    public static TradeBarColumns? Of(IcebergSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        int Position(int id, string name) => schema.Fields.ToList().FindIndex(f => f.Id == id && f.Name == name);
        var columns = new TradeBarColumns(
            Position(TradeFields.Exchange, "exchange"),
            Position(TradeFields.Symbol, "symbol"),
            Position(TradeFields.Timestamp, "timestamp"),
            Position(TradeFields.Price, "price"),
            Position(TradeFields.Quantity, "quantity"),
            Position(TradeFields.TradeId, "trade_id"),
            Position(TradeFields.PlatformSequence, "platform_sequence"));
        return columns is { Exchange: >= 0, Symbol: >= 0, Timestamp: >= 0, Price: >= 0, Quantity: >= 0, TradeId: >= 0, PlatformSequence: >= 0 }
            ? columns
            : null;
    }
}

using K2.Lakehouse.Iceberg.Types;

namespace K2.Lakehouse.Tables;

/// <summary>
/// The <c>market_data</c> namespace: trades and quotes, both partitioned by <c>exchange</c> and
/// <c>day(timestamp)</c> and sorted by <c>(symbol, timestamp)</c>, so a per-symbol time range reads few files
/// and few row groups.
/// </summary>
public static class MarketDataTables
{
    public const string Namespace = "market_data";

    public static TableIdentifier Trades { get; } = new(Namespace, "trades");

    public static TableIdentifier Quotes { get; } = new(Namespace, "quotes");

    public static TableDefinition TradesDefinition { get; } = Define(TradeFields.Schema, TradeFields.Exchange, TradeFields.Timestamp, TradeFields.Symbol);

    public static TableDefinition QuotesDefinition { get; } = Define(QuoteFields.Schema, QuoteFields.Exchange, QuoteFields.Timestamp, QuoteFields.Symbol);

    private static TableDefinition Define(IcebergSchema schema, int exchange, int timestamp, int symbol)
    {
        var spec = new PartitionSpec(0,
        [
            new PartitionField(exchange, PartitionSpec.FirstFieldId, "exchange", Transform.Identity),
            new PartitionField(timestamp, PartitionSpec.FirstFieldId + 1, "timestamp_day", Transform.Day),
        ]);
        var sortOrder = new SortOrder(1,
        [
            new SortField(symbol, Transform.Identity, SortDirection.Ascending, NullOrder.NullsFirst),
            new SortField(timestamp, Transform.Identity, SortDirection.Ascending, NullOrder.NullsFirst),
        ]);
        var properties = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["write.format.default"] = "parquet",
            ["k2.table-kind"] = "market-data",
        };
        return new TableDefinition(schema, spec, sortOrder, properties);
    }
}

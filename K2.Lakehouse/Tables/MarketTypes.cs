using K2.Contracts.Model;
using K2.Lakehouse.Iceberg.Types;

namespace K2.Lakehouse.Tables;

/// <summary>Types shared by the market-data tables.</summary>
internal static class MarketTypes
{
    public static PrimitiveType Decimal { get; } = PrimitiveType.Decimal(MarketDecimal.Precision, MarketDecimal.Scale);

    /// <summary>
    /// Lists and maps are never null in the model, but they are optional columns: Parquet.Net 6 writes LIST and MAP
    /// groups as OPTIONAL, and an Iceberg column must not be required when the file column is optional. K2 always
    /// writes a value (empty when there is nothing) and reads a null back as empty.
    /// </summary>
    public const string NestedOptionalDoc = "Never null when written by K2; empty when absent";

    public static MapType StringMap(int keyId, int valueId) => new(keyId, PrimitiveType.String, valueId, true, PrimitiveType.String);
}

using System.Text.Json;

namespace K2.Ingestion.Binance.GapRepair;

/// <summary>What has been read of one <c>historicalTrades</c> item.</summary>
internal struct RestRow
{
    public Field Present;
    public long Id;
    public decimal Price;
    public decimal Quantity;
    public string? QuoteQuantity;
    public long Time;
    public bool IsBuyerMaker;
    public bool? IsBestMatch;

    private const Field Required = Field.Id | Field.Price | Field.Quantity | Field.Time | Field.IsBuyerMaker;

    public readonly string? FirstMissing()
    {
        var missing = Required & ~Present;
        return missing == 0 ? null : WireName((Field)((int)missing & -(int)missing));
    }

    public static Field FieldOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("id"u8) ? Field.Id
        : reader.ValueTextEquals("price"u8) ? Field.Price
        : reader.ValueTextEquals("qty"u8) ? Field.Quantity
        : reader.ValueTextEquals("quoteQty"u8) ? Field.QuoteQuantity
        : reader.ValueTextEquals("time"u8) ? Field.Time
        : reader.ValueTextEquals("isBuyerMaker"u8) ? Field.IsBuyerMaker
        : reader.ValueTextEquals("isBestMatch"u8) ? Field.IsBestMatch
        : Field.None;

    public static string WireName(Field field) => field switch
    {
        Field.Id => "id",
        Field.Price => "price",
        Field.Quantity => "qty",
        Field.QuoteQuantity => "quoteQty",
        Field.Time => "time",
        Field.IsBuyerMaker => "isBuyerMaker",
        Field.IsBestMatch => "isBestMatch",
        _ => field.ToString(),
    };

    [Flags]
    public enum Field
    {
        None = 0,
        Id = 1 << 0,
        Price = 1 << 1,
        Quantity = 1 << 2,
        QuoteQuantity = 1 << 3,
        Time = 1 << 4,
        IsBuyerMaker = 1 << 5,
        IsBestMatch = 1 << 6,
    }
}

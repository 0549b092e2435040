using K2.Contracts.Avro;

namespace K2.Contracts.Tests.Avro;

/// <summary>Writes one raw field of a hand-built message.</summary>
internal delegate void RawField(ref AvroBinaryWriter writer);

/// <summary>
/// Builds trade messages field by field so a test can put arbitrary bytes in exactly one field and leave the rest
/// valid: the decoder must then fail on that field and no other.
/// </summary>
internal static class RawTradeMessage
{
    private const int BufferLength = 4096;

    private static readonly (string Name, RawField Write)[] ValidFields =
    [
        ("message_id", (ref w) => w.WriteUuid(Guid.Parse("6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"))),
        ("trade_id", (ref w) => w.WriteString("BINANCE-1", "trade_id")),
        ("symbol", (ref w) => w.WriteString("BTCUSDT", "symbol")),
        ("exchange", (ref w) => w.WriteString("BINANCE", "exchange")),
        ("asset_class", (ref w) => w.WriteInt(1)),
        ("timestamp", (ref w) => w.WriteLong(1_764_201_600_123_456)),
        ("price", (ref w) => w.WriteDecimal(91_234.56m, "price")),
        ("quantity", (ref w) => w.WriteDecimal(0.5m, "quantity")),
        ("currency", (ref w) => w.WriteString("USDT", "currency")),
        ("side", (ref w) => w.WriteInt(0)),
        ("trade_conditions", (ref w) => w.WriteStringArray(["@"], "trade_conditions")),
        ("source_sequence", (ref w) => w.WriteNullableLong(7)),
        ("ingestion_timestamp", (ref w) => w.WriteLong(1_764_201_600_234_567)),
        ("platform_sequence", (ref w) => w.WriteNullableLong(null)),
        ("vendor_data", (ref w) => w.WriteStringMap(new Dictionary<string, string> { ["k"] = "v" }, "vendor_data")),
    ];

    public static IEnumerable<string> FieldNames => ValidFields.Select(entry => entry.Name);

    public static byte[] Valid() => With(ValidFields[0].Name, ValidFields[0].Write);

    /// <summary>A trade message whose <paramref name="field"/> is written by <paramref name="replacement"/>.</summary>
    public static byte[] With(string field, RawField replacement)
    {
        Assert.Contains(field, FieldNames);
        var buffer = new byte[BufferLength];
        var writer = new AvroBinaryWriter(buffer);
        writer.WriteRaw(MarketDataSchemas.Trade.Header);
        foreach (var (name, write) in ValidFields)
        {
            (name == field ? replacement : write)(ref writer);
        }

        return buffer[..writer.Position];
    }

    /// <summary>Raw bytes in place of the field, e.g. a hand-made varint or a string with a bad length.</summary>
    public static byte[] WithBytes(string field, params byte[] raw) => With(field, (ref w) => w.WriteRaw(raw));
}

using Avro;
using K2.Contracts.Avro;
using K2.Contracts.Model;

namespace K2.Contracts.Tests.Avro;

public sealed class SchemaRegistryTests
{
    /// <summary>
    /// Pinned on purpose. The codec bodies are hand-written, so an edit to a .avsc that changes its canonical form
    /// must come with a codec change; this failing is the reminder. Update these only together with the codec,
    /// docs/schemas.md, and a plan for consumers still on the old fingerprint.
    /// </summary>
    private const ulong PinnedTradeFingerprint = 0x17D524292CABA68F;
    private const ulong PinnedQuoteFingerprint = 0x311E8429D079E1E7;

    public static TheoryData<string> SchemaNames => ["Trade", "Quote"];

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void Header_fingerprint_is_Apaches_parsing_fingerprint_of_the_schema(string name)
    {
        var schema = ByName(name);
        var expected = unchecked((ulong)SchemaNormalization.ParsingFingerprint64(Schema.Parse(schema.Json)));

        Assert.Equal(expected, schema.Fingerprint);
        Assert.Equal(SchemaNormalization.ToParsingForm(Schema.Parse(schema.Json)), schema.CanonicalForm);
        Assert.Equal([AvroSingleObject.MarkerByte0, AvroSingleObject.MarkerByte1], schema.Header[..AvroSingleObject.FingerprintOffset].ToArray());
        Assert.Equal(
            SchemaNormalization.Fingerprint("CRC-64-AVRO", System.Text.Encoding.UTF8.GetBytes(schema.CanonicalForm)),
            schema.Header[AvroSingleObject.FingerprintOffset..].ToArray());
    }

    [Fact]
    public void Every_encoded_message_starts_with_its_schemas_header()
    {
        Assert.Equal(MarketDataSchemas.Trade.Header.ToArray(), TradeAvroCodec.Encode(MarketDataGen.SampleTrade())[..AvroSingleObject.HeaderLength]);
        Assert.Equal(MarketDataSchemas.Quote.Header.ToArray(), QuoteAvroCodec.Encode(MarketDataGen.SampleQuote())[..AvroSingleObject.HeaderLength]);
    }

    [Fact]
    public void CRC_64_AVRO_matches_the_specifications_test_vectors()
    {
        // From the Avro specification's schema fingerprint test data: a guard that the library we fingerprint with
        // implements the standard CRC-64-AVRO other languages will compute.
        Assert.Equal(7195948357588979594L, SchemaNormalization.ParsingFingerprint64(Schema.Parse("\"null\"")));
        Assert.Equal(8247732601305521295L, SchemaNormalization.ParsingFingerprint64(Schema.Parse("\"int\"")));
    }

    [Fact]
    public void Fingerprints_are_pinned_so_a_schema_edit_cannot_slip_past_the_codec()
    {
        Assert.Equal(PinnedTradeFingerprint, MarketDataSchemas.Trade.Fingerprint);
        Assert.Equal(PinnedQuoteFingerprint, MarketDataSchemas.Quote.Fingerprint);
    }

    [Theory]
    [MemberData(nameof(SchemaNames))]
    public void Decimals_are_bytes_decimal_18_8_and_timestamps_are_micros(string name)
    {
        // The canonical form (and so the fingerprint) drops logical types: a scale edit would not change the
        // header, so the logical types the codec assumes are asserted here directly.
        var record = (RecordSchema)Schema.Parse(ByName(name).Json);
        foreach (var field in record.Fields)
        {
            if (field.Schema is LogicalSchema logical)
            {
                switch (logical.LogicalTypeName)
                {
                    case "decimal":
                        Assert.Equal(global::Avro.Schema.Type.Bytes, logical.BaseSchema.Tag);
                        Assert.Equal(MarketDecimal.Precision.ToString(), logical.GetProperty("precision"));
                        Assert.Equal(MarketDecimal.Scale.ToString(), logical.GetProperty("scale"));
                        break;
                    case "timestamp-micros":
                        Assert.Equal(global::Avro.Schema.Type.Long, logical.BaseSchema.Tag);
                        break;
                    case "uuid":
                        Assert.Equal("message_id", field.Name);
                        break;
                    default:
                        Assert.Fail($"{name}.{field.Name} has unexpected logical type {logical.LogicalTypeName}.");
                        break;
                }
            }

            Assert.False(string.IsNullOrWhiteSpace(field.Documentation), $"{name}.{field.Name} has no doc.");
        }
    }

    [Fact]
    public void Registry_lists_both_records_under_the_v2_namespace()
    {
        Assert.Equal(["io.k2.marketdata.v2.Trade", "io.k2.marketdata.v2.Quote"], MarketDataSchemas.All.Select(schema => schema.FullName));
        Assert.Equal([MarketDataRecordType.Trade, MarketDataRecordType.Quote], MarketDataSchemas.All.Select(schema => schema.RecordType));
        Assert.NotEqual(MarketDataSchemas.Trade.Fingerprint, MarketDataSchemas.Quote.Fingerprint);
    }

    [Fact]
    public void Identify_routes_messages_by_their_header()
    {
        Assert.Equal(MarketDataRecordType.Trade, MarketDataSchemas.Identify(TradeAvroCodec.Encode(MarketDataGen.SampleTrade())).RecordType);
        Assert.Equal(MarketDataRecordType.Quote, MarketDataSchemas.Identify(QuoteAvroCodec.Encode(MarketDataGen.SampleQuote())).RecordType);
    }

    [Fact]
    public void Identify_reads_only_the_header()
    {
        Assert.Same(MarketDataSchemas.Trade, MarketDataSchemas.Identify(MarketDataSchemas.Trade.Header));
    }

    [Theory]
    [InlineData(new byte[0], AvroDecodeErrorReason.Truncated)]
    [InlineData(new byte[] { 0xC3 }, AvroDecodeErrorReason.Truncated)]
    [InlineData(new byte[] { 0xC3, 0x01, 1, 2, 3 }, AvroDecodeErrorReason.Truncated)]
    [InlineData(new byte[] { 0x00 }, AvroDecodeErrorReason.BadMarker)]
    [InlineData(new byte[] { 0xC3, 0x02, 0, 0, 0, 0, 0, 0, 0, 0 }, AvroDecodeErrorReason.BadMarker)]
    [InlineData(new byte[] { 0xC3, 0x01, 0, 0, 0, 0, 0, 0, 0, 0 }, AvroDecodeErrorReason.UnknownFingerprint)]
    public void Identify_rejects_what_is_not_a_known_single_object_header(byte[] message, AvroDecodeErrorReason reason)
    {
        Assert.False(MarketDataSchemas.TryIdentify(message, out var schema, out var error));
        Assert.Null(schema);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(reason, Assert.Throws<AvroDecodeException>(() => MarketDataSchemas.Identify(message)).Reason);
    }

    [Fact]
    public void Unknown_fingerprint_can_be_read_for_dead_letter_diagnostics()
    {
        byte[] message = [AvroSingleObject.MarkerByte0, AvroSingleObject.MarkerByte1, 0xEF, 0xCD, 0xAB, 0x89, 0x67, 0x45, 0x23, 0x01];

        Assert.True(AvroSingleObject.TryReadFingerprint(message, out var fingerprint, out _));
        Assert.Equal(0x0123456789ABCDEFUL, fingerprint);
        Assert.False(MarketDataSchemas.TryGetByFingerprint(fingerprint, out _));
    }

    private static MarketDataSchema ByName(string name) => MarketDataSchemas.All.Single(schema => schema.FullName.EndsWith('.' + name));
}

using K2.Contracts.Avro;
using K2.Contracts.Model;

namespace K2.Contracts.Tests.Avro;

/// <summary>Each malformation the brief names, planted in one field of an otherwise valid message.</summary>
public sealed class DecodeErrorTests
{
    /// <summary>Zig-zag varint of 4 (one byte, 4 * 2).</summary>
    private const byte VarintFour = 0x08;

    /// <summary>Zig-zag varint of -1.</summary>
    private const byte VarintMinusOne = 0x01;

    private static readonly byte[] EndOfBlocks = [0x00];

    [Fact]
    public void The_builder_makes_a_valid_message()
    {
        var trade = TradeAvroCodec.Decode(RawTradeMessage.Valid());

        Assert.Equal("BTCUSDT", trade.Symbol);
        Assert.Equal(TradeSide.Buy, trade.Side);
        Assert.Equal(["@"], trade.TradeConditions);
    }

    [Fact]
    public void Truncated_message() =>
        AssertFails(RawTradeMessage.Valid()[..^1], AvroDecodeErrorReason.Truncated, "vendor_data");

    [Fact]
    public void Trailing_bytes() =>
        AssertFails([.. RawTradeMessage.Valid(), 0x00], AvroDecodeErrorReason.TrailingBytes, null);

    [Fact]
    public void Bad_marker()
    {
        var message = RawTradeMessage.Valid();
        message[0] = 0x4F;
        AssertFails(message, AvroDecodeErrorReason.BadMarker, null);
    }

    [Fact]
    public void Unknown_fingerprint()
    {
        var message = RawTradeMessage.Valid();
        message[AvroSingleObject.FingerprintOffset] ^= 0xFF;
        AssertFails(message, AvroDecodeErrorReason.UnknownFingerprint, null);
    }

    [Fact]
    public void A_quote_handed_to_the_trade_codec_is_the_wrong_record_type()
    {
        var quote = QuoteAvroCodec.Encode(MarketDataGen.SampleQuote());
        AssertFails(quote, AvroDecodeErrorReason.WrongRecordType, null);
        Assert.Equal(AvroDecodeErrorReason.WrongRecordType, Assert.Throws<AvroDecodeException>(() => QuoteAvroCodec.Decode(RawTradeMessage.Valid())).Reason);
    }

    [Theory]
    [InlineData("asset_class", VarintFour)]
    [InlineData("asset_class", VarintMinusOne)]
    [InlineData("side", VarintFour)]
    [InlineData("side", VarintMinusOne)]
    public void Enum_index_outside_the_symbols(string field, byte index) =>
        AssertFails(RawTradeMessage.WithBytes(field, index), AvroDecodeErrorReason.InvalidEnumIndex, field);

    [Theory]
    [InlineData("FFFE")] // bytes that never occur in UTF-8
    [InlineData("C080")] // overlong encoding of U+0000
    [InlineData("EDA080")] // an encoded surrogate, U+D800
    [InlineData("41E282")] // a sequence cut short
    public void Invalid_utf8_is_refused_not_replaced(string hex)
    {
        var utf8 = Convert.FromHexString(hex);
        AssertFails(
            RawTradeMessage.With("symbol", (ref w) =>
            {
                w.WriteLong(utf8.Length);
                w.WriteRaw(utf8);
            }),
            AvroDecodeErrorReason.InvalidUtf8,
            "symbol");
    }

    [Fact]
    public void Negative_string_length() =>
        AssertFails(RawTradeMessage.WithBytes("symbol", VarintMinusOne), AvroDecodeErrorReason.NegativeLength, "symbol");

    [Fact]
    public void Over_long_string_length() =>
        AssertFails(RawTradeMessage.With("symbol", (ref w) => w.WriteLong(int.MaxValue)), AvroDecodeErrorReason.LengthExceedsPayload, "symbol");

    [Fact]
    public void String_length_beyond_int_range() =>
        AssertFails(RawTradeMessage.With("symbol", (ref w) => w.WriteLong(long.MaxValue)), AvroDecodeErrorReason.LengthExceedsPayload, "symbol");

    [Theory]
    [InlineData("not-a-uuid-but-thirty-six-chars-long")]
    [InlineData("6f1c2d3e4b5a4c7d8e9f0a1b2c3d4e5f")]
    [InlineData("{6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f}")]
    [InlineData("")]
    public void Uuid_not_in_canonical_form(string text) =>
        AssertFails(RawTradeMessage.With("message_id", (ref w) => w.WriteString(text, "message_id")), AvroDecodeErrorReason.InvalidUuid, "message_id");

    [Fact]
    public void Upper_case_uuid_is_accepted_as_rfc_4122_allows()
    {
        var message = RawTradeMessage.With("message_id", (ref w) => w.WriteString("6F1C2D3E-4B5A-4C7D-8E9F-0A1B2C3D4E5F", "message_id"));
        Assert.Equal(Guid.Parse("6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f"), TradeAvroCodec.Decode(message).MessageId);
    }

    [Fact]
    public void Decimal_with_no_bytes() =>
        AssertFails(RawTradeMessage.WithBytes("price", 0x00), AvroDecodeErrorReason.InvalidDecimal, "price");

    [Fact]
    public void Decimal_of_10_to_the_18_does_not_fit()
    {
        // 10^18 = 0x0DE0B6B3A7640000: one past the largest unscaled DECIMAL(18,8) magnitude.
        AssertFails(
            RawTradeMessage.WithBytes("price", 0x10, 0x0D, 0xE0, 0xB6, 0xB3, 0xA7, 0x64, 0x00, 0x00),
            AvroDecodeErrorReason.DecimalOutOfRange,
            "price");
    }

    [Fact]
    public void Decimal_wider_than_a_long_does_not_fit() =>
        AssertFails(
            RawTradeMessage.WithBytes("quantity", 0x12, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
            AvroDecodeErrorReason.DecimalOutOfRange,
            "quantity");

    [Fact]
    public void Long_min_value_decimal_does_not_fit() =>
        AssertFails(
            RawTradeMessage.WithBytes("price", 0x10, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00),
            AvroDecodeErrorReason.DecimalOutOfRange,
            "price");

    [Fact]
    public void Sign_extended_decimals_from_other_writers_are_read()
    {
        // -1 unscaled, padded to ten bytes: valid two's complement, just not minimal.
        var negative = RawTradeMessage.WithBytes("price", 0x14, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF);
        var positive = RawTradeMessage.WithBytes("price", 0x06, 0x00, 0x00, 0x01);

        Assert.Equal(-0.00000001m, TradeAvroCodec.Decode(negative).Price);
        Assert.Equal(0.00000001m, TradeAvroCodec.Decode(positive).Price);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(253_402_300_800_000_000)]
    [InlineData(-62_135_596_800_000_001)]
    public void Timestamp_outside_DateTimeOffset(long micros) =>
        AssertFails(RawTradeMessage.With("timestamp", (ref w) => w.WriteLong(micros)), AvroDecodeErrorReason.TimestampOutOfRange, "timestamp");

    [Fact]
    public void Timestamps_at_the_range_ends_are_read()
    {
        var earliest = RawTradeMessage.With("timestamp", (ref w) => w.WriteLong(UtcMicros.MinMicros));
        var latest = RawTradeMessage.With("ingestion_timestamp", (ref w) => w.WriteLong(UtcMicros.MaxMicros));

        Assert.Equal(DateTimeOffset.MinValue, TradeAvroCodec.Decode(earliest).Timestamp);
        Assert.Equal(UtcMicros.MaxMicros, UtcMicros.ToMicros(TradeAvroCodec.Decode(latest).IngestionTimestamp));
    }

    [Theory]
    [InlineData(VarintFour)]
    [InlineData(VarintMinusOne)]
    public void Union_branch_outside_null_long(byte branch) =>
        AssertFails(RawTradeMessage.WithBytes("source_sequence", branch, 0x02), AvroDecodeErrorReason.InvalidUnionIndex, "source_sequence");

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02 })]
    public void Long_varint_too_long_or_overflowing(byte[] varint) =>
        AssertFails(RawTradeMessage.WithBytes("timestamp", varint), AvroDecodeErrorReason.MalformedVarint, "timestamp");

    [Theory]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x80, 0x00 })]
    [InlineData(new byte[] { 0x80, 0x80, 0x80, 0x80, 0x10 })]
    public void Int_varint_too_long_or_overflowing(byte[] varint) =>
        AssertFails(RawTradeMessage.WithBytes("side", varint), AvroDecodeErrorReason.MalformedVarint, "side");

    [Fact]
    public void Block_count_of_long_min_value() =>
        AssertFails(RawTradeMessage.With("trade_conditions", (ref w) => w.WriteLong(long.MinValue)), AvroDecodeErrorReason.InvalidBlockCount, "trade_conditions");

    [Fact]
    public void Block_count_larger_than_the_payload_could_hold() =>
        AssertFails(RawTradeMessage.With("trade_conditions", (ref w) => w.WriteLong(1_000_000)), AvroDecodeErrorReason.LengthExceedsPayload, "trade_conditions");

    [Fact]
    public void Map_count_larger_than_the_payload_could_hold() =>
        AssertFails(RawTradeMessage.With("vendor_data", (ref w) => w.WriteLong(int.MaxValue)), AvroDecodeErrorReason.LengthExceedsPayload, "vendor_data");

    [Fact]
    public void Negative_block_size() =>
        AssertFails(
            RawTradeMessage.With("trade_conditions", (ref w) =>
            {
                w.WriteLong(-1);
                w.WriteLong(-2);
            }),
            AvroDecodeErrorReason.NegativeLength,
            "trade_conditions");

    [Fact]
    public void Block_size_that_disagrees_with_its_items() =>
        AssertFails(
            RawTradeMessage.With("trade_conditions", (ref w) =>
            {
                w.WriteLong(-1);
                w.WriteLong(5);
                w.WriteString("ab", "trade_conditions");
                w.WriteLong(0);
            }),
            AvroDecodeErrorReason.BlockSizeMismatch,
            "trade_conditions");

    [Fact]
    public void Several_blocks_with_and_without_byte_sizes_are_read()
    {
        var message = RawTradeMessage.With("trade_conditions", (ref w) =>
        {
            w.WriteLong(-2);
            w.WriteLong(4);
            w.WriteString("a", "trade_conditions");
            w.WriteString("b", "trade_conditions");
            w.WriteLong(1);
            w.WriteString("c", "trade_conditions");
            w.WriteLong(0);
        });

        Assert.Equal(["a", "b", "c"], TradeAvroCodec.Decode(message).TradeConditions);
    }

    [Fact]
    public void Duplicate_map_key_is_refused_not_overwritten() =>
        AssertFails(
            RawTradeMessage.With("vendor_data", (ref w) =>
            {
                w.WriteLong(1);
                w.WriteString("k", "vendor_data");
                w.WriteString("first", "vendor_data");
                w.WriteLong(1);
                w.WriteString("k", "vendor_data");
                w.WriteString("second", "vendor_data");
                w.WriteLong(0);
            }),
            AvroDecodeErrorReason.DuplicateMapKey,
            "vendor_data");

    [Fact]
    public void Errors_carry_the_offset_of_the_failing_value()
    {
        var valid = RawTradeMessage.Valid();
        var broken = RawTradeMessage.WithBytes("side", VarintFour);
        var sideOffset = Enumerable.Range(0, valid.Length).First(i => valid[i] != broken[i]);

        Assert.False(TradeAvroCodec.TryDecode(broken, out _, out var error));
        Assert.Equal(sideOffset, error.Offset);
        Assert.Contains("side", error.Message, StringComparison.Ordinal);
    }

    private static void AssertFails(byte[] message, AvroDecodeErrorReason reason, string? field)
    {
        Assert.False(TradeAvroCodec.TryDecode(message, out var trade, out var error));
        Assert.Null(trade);
        Assert.Equal(reason, error.Reason);
        Assert.Equal(field, error.Field);

        var thrown = Assert.Throws<AvroDecodeException>(() => TradeAvroCodec.Decode(message));
        Assert.Equal(error, thrown.Error);
        Assert.Equal(error.Message, thrown.Message);
    }
}

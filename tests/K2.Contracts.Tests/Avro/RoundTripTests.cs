using System.Buffers;
using System.Globalization;
using CsCheck;
using K2.Contracts.Avro;

namespace K2.Contracts.Tests.Avro;

public sealed class RoundTripTests
{
    private const int Iterations = 2_000;

    [Fact]
    public void Arbitrary_trades_round_trip_exactly() =>
        MarketDataGen.Trade.Sample(
            trade => MarketDataAssert.Equal(trade, TradeAvroCodec.Decode(TradeAvroCodec.Encode(trade))),
            iter: Iterations);

    [Fact]
    public void Arbitrary_quotes_round_trip_exactly() =>
        MarketDataGen.Quote.Sample(
            quote => MarketDataAssert.Equal(quote, QuoteAvroCodec.Decode(QuoteAvroCodec.Encode(quote))),
            iter: Iterations);

    [Fact]
    public void Buffer_writer_and_array_encodings_are_identical_and_within_the_advertised_bound() =>
        MarketDataGen.Trade.Sample(
            trade =>
            {
                var output = new ArrayBufferWriter<byte>();
                var written = TradeAvroCodec.Encode(trade, output);
                Assert.Equal(written, output.WrittenCount);
                Assert.Equal(TradeAvroCodec.Encode(trade), output.WrittenSpan.ToArray());
                Assert.InRange(written, AvroSingleObject.HeaderLength, TradeAvroCodec.GetMaxEncodedLength(trade));
            },
            iter: Iterations / 4);

    [Fact]
    public void Several_messages_append_to_one_buffer_writer()
    {
        var output = new ArrayBufferWriter<byte>();
        var trade = MarketDataGen.SampleTrade();
        var quote = MarketDataGen.SampleQuote();
        var tradeLength = TradeAvroCodec.Encode(trade, output);
        QuoteAvroCodec.Encode(quote, output);

        MarketDataAssert.Equal(trade, TradeAvroCodec.Decode(output.WrittenSpan[..tradeLength]));
        MarketDataAssert.Equal(quote, QuoteAvroCodec.Decode(output.WrittenSpan[tradeLength..]));
    }

    [Theory]
    [InlineData("0.00012345")]
    [InlineData("-0.00012345")]
    [InlineData("1.5")]
    [InlineData("0")]
    [InlineData("9999999999.99999999")]
    [InlineData("-9999999999.99999999")]
    [InlineData("0.00000001")]
    public void Decimal_keeps_its_value_and_prints_with_scale_8(string printed)
    {
        var value = decimal.Parse(printed, CultureInfo.InvariantCulture);
        var decoded = TradeAvroCodec.Decode(TradeAvroCodec.Encode(MarketDataGen.SampleTrade() with { Price = value }));

        MarketDataAssert.ExactDecimal(value, decoded.Price);
    }

    [Fact]
    public void The_briefs_example_prints_unchanged()
    {
        var decoded = TradeAvroCodec.Decode(TradeAvroCodec.Encode(MarketDataGen.SampleTrade() with { Quantity = 0.00012345m }));

        Assert.Equal("0.00012345", decoded.Quantity.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Timestamps_with_an_offset_decode_as_the_same_instant_in_utc()
    {
        var local = new DateTimeOffset(1969, 7, 20, 20, 17, 40, TimeSpan.FromHours(-5)).AddTicks(123_450);
        var decoded = TradeAvroCodec.Decode(TradeAvroCodec.Encode(MarketDataGen.SampleTrade() with { Timestamp = local }));

        MarketDataAssert.ExactTimestamp(local, decoded.Timestamp);
    }

    [Fact]
    public void Empty_collections_decode_as_empty()
    {
        var trade = MarketDataGen.SampleTrade() with { TradeConditions = [], VendorData = new Dictionary<string, string>() };
        var decoded = TradeAvroCodec.Decode(TradeAvroCodec.Encode(trade));

        Assert.Empty(decoded.TradeConditions);
        Assert.Empty(decoded.VendorData);
    }

    [Fact]
    public void Vendor_data_of_any_dictionary_type_is_written()
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["b"] = "2", ["a"] = "1" };
        var trade = MarketDataGen.SampleTrade() with { VendorData = new System.Collections.ObjectModel.ReadOnlyDictionary<string, string>(sorted) };

        MarketDataAssert.Equal(trade, TradeAvroCodec.Decode(TradeAvroCodec.Encode(trade)));
    }

    [Fact]
    public void Uuid_is_written_as_lower_case_canonical_text()
    {
        var trade = MarketDataGen.SampleTrade();
        var bytes = TradeAvroCodec.Encode(trade);
        var text = System.Text.Encoding.ASCII.GetString(bytes, AvroSingleObject.HeaderLength + 1, AvroBinaryWriter.UuidTextLength);

        Assert.Equal(trade.MessageId.ToString("D"), text);
    }
}

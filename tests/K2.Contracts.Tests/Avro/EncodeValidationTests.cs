using System.Buffers;
using K2.Contracts.Avro;
using K2.Contracts.Model;

namespace K2.Contracts.Tests.Avro;

/// <summary>Values the wire format cannot carry unchanged are refused at the producer, naming the field.</summary>
public sealed class EncodeValidationTests
{
    [Theory]
    [InlineData("0.000000001")]
    [InlineData("10000000000")]
    [InlineData("-10000000000")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    public void Decimal_that_does_not_fit_18_8_is_refused(string printed)
    {
        var value = decimal.Parse(printed, System.Globalization.CultureInfo.InvariantCulture);

        AssertRefused(MarketDataGen.SampleTrade() with { Price = value }, "price");
        AssertRefused(MarketDataGen.SampleQuote() with { AskQuantity = value }, "ask_quantity");
    }

    [Fact]
    public void Sub_microsecond_timestamp_is_refused_not_truncated()
    {
        var trade = MarketDataGen.SampleTrade();

        AssertRefused(trade with { Timestamp = trade.Timestamp.AddTicks(1) }, "timestamp");
        AssertRefused(trade with { IngestionTimestamp = trade.IngestionTimestamp.AddTicks(-1) }, "ingestion_timestamp");
    }

    [Fact]
    public void Undefined_enum_values_are_refused()
    {
        AssertRefused(MarketDataGen.SampleTrade() with { AssetClass = (AssetClass)4 }, "asset_class");
        AssertRefused(MarketDataGen.SampleTrade() with { Side = (TradeSide)(-1) }, "side");
    }

    [Fact]
    public void Lone_surrogate_is_refused_not_replaced()
    {
        AssertRefused(MarketDataGen.SampleTrade() with { Symbol = "BTC\uD800" }, "symbol");
        AssertRefused(MarketDataGen.SampleTrade() with { TradeConditions = ["ok", "\uDC00"] }, "trade_conditions");
        AssertRefused(MarketDataGen.SampleTrade() with { VendorData = new Dictionary<string, string> { ["\uD83D"] = "x" } }, "vendor_data");
    }

    [Fact]
    public void Null_fields_are_refused_with_their_name()
    {
        AssertRefused(MarketDataGen.SampleTrade() with { Symbol = null! }, "symbol");
        AssertRefused(MarketDataGen.SampleTrade() with { TradeConditions = null! }, "trade_conditions");
        AssertRefused(MarketDataGen.SampleTrade() with { TradeConditions = ["a", null!] }, "trade_conditions");
        AssertRefused(MarketDataGen.SampleQuote() with { VendorData = null! }, "vendor_data");
        Assert.Throws<ArgumentNullException>(() => TradeAvroCodec.Encode(null!));
    }

    [Fact]
    public void A_refused_record_leaves_the_buffer_writer_untouched()
    {
        var output = new ArrayBufferWriter<byte>();
        TradeAvroCodec.Encode(MarketDataGen.SampleTrade(), output);
        var before = output.WrittenSpan.ToArray();

        Assert.Throws<ArgumentException>(() => TradeAvroCodec.Encode(MarketDataGen.SampleTrade() with { Price = 0.000000001m }, output));
        Assert.Equal(before, output.WrittenSpan.ToArray());
    }

    [Fact]
    public void Surrogate_pairs_are_fine()
    {
        var trade = MarketDataGen.SampleTrade() with { Symbol = "\U0001F680MOON" };
        Assert.Equal(trade.Symbol, TradeAvroCodec.Decode(TradeAvroCodec.Encode(trade)).Symbol);
    }

    private static void AssertRefused(Trade trade, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => TradeAvroCodec.Encode(trade));
        Assert.Equal(field, error.ParamName);
        Assert.ThrowsAny<ArgumentException>(() => TradeAvroCodec.Encode(trade, new ArrayBufferWriter<byte>()));
    }

    private static void AssertRefused(Quote quote, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => QuoteAvroCodec.Encode(quote));
        Assert.Equal(field, error.ParamName);
    }
}

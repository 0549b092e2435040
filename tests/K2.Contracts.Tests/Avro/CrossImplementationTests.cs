using CsCheck;
using K2.Contracts.Avro;
using K2.Contracts.Model;

namespace K2.Contracts.Tests.Avro;

/// <summary>
/// Our hand-written codecs against Apache.Avro reading the checked-in .avsc: if the schema and the codec ever
/// disagree on a field, a type, an order or an enum symbol, these fail.
/// </summary>
public sealed class CrossImplementationTests
{
    // Apache.Avro's generic path is slow; this is plenty to hit every branch and edge generator.
    private const int Iterations = 300;

    [Fact]
    public void Apache_reads_the_trades_we_write() =>
        MarketDataGen.Trade.Sample(
            trade =>
            {
                var message = TradeAvroCodec.Encode(trade);
                var generic = ApacheAvroMapping.ReadBody(ApacheAvroMapping.TradeSchema, message.AsSpan(AvroSingleObject.HeaderLength));
                MarketDataAssert.Equal(trade, ApacheAvroMapping.ToTrade(generic));
            },
            iter: Iterations);

    [Fact]
    public void We_read_the_trades_Apache_writes() =>
        MarketDataGen.Trade.Sample(
            trade =>
            {
                var body = ApacheAvroMapping.WriteBody(ApacheAvroMapping.ToGeneric(trade));
                MarketDataAssert.Equal(trade, TradeAvroCodec.Decode([.. MarketDataSchemas.Trade.Header, .. body]));
            },
            iter: Iterations);

    [Fact]
    public void Apache_reads_the_quotes_we_write() =>
        MarketDataGen.Quote.Sample(
            quote =>
            {
                var message = QuoteAvroCodec.Encode(quote);
                var generic = ApacheAvroMapping.ReadBody(ApacheAvroMapping.QuoteSchema, message.AsSpan(AvroSingleObject.HeaderLength));
                MarketDataAssert.Equal(quote, ApacheAvroMapping.ToQuote(generic));
            },
            iter: Iterations);

    [Fact]
    public void We_read_the_quotes_Apache_writes() =>
        MarketDataGen.Quote.Sample(
            quote =>
            {
                var body = ApacheAvroMapping.WriteBody(ApacheAvroMapping.ToGeneric(quote));
                MarketDataAssert.Equal(quote, QuoteAvroCodec.Decode([.. MarketDataSchemas.Quote.Header, .. body]));
            },
            iter: Iterations);

    [Fact]
    public void Bodies_are_byte_identical_to_Apaches_for_the_same_trade() =>
        MarketDataGen.Trade.Sample(
            trade => Assert.Equal(
                ApacheAvroMapping.WriteBody(ApacheAvroMapping.ToGeneric(trade)),
                TradeAvroCodec.Encode(trade)[AvroSingleObject.HeaderLength..]),
            iter: Iterations);

    [Theory]
    [InlineData(TradeSide.Buy, 0)]
    [InlineData(TradeSide.Sell, 1)]
    [InlineData(TradeSide.SellShort, 2)]
    [InlineData(TradeSide.Unknown, 3)]
    public void Side_is_written_as_its_schema_symbol_index_not_its_CSharp_value(TradeSide side, int symbolIndex)
    {
        var trade = MarketDataGen.SampleTrade() with { Side = side };
        var generic = ApacheAvroMapping.ReadBody(
            ApacheAvroMapping.TradeSchema,
            TradeAvroCodec.Encode(trade).AsSpan(AvroSingleObject.HeaderLength));

        var sideSchema = (global::Avro.EnumSchema)ApacheAvroMapping.TradeSchema["side"].Schema;
        Assert.Equal(sideSchema.Symbols[symbolIndex], ((global::Avro.Generic.GenericEnum)generic["side"]).Value);
    }
}

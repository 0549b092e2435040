using System.Text;
using K2.Contracts.Model;
using K2.Ingestion.Binance.GapRepair;
using K2.Ingestion.Binance.Parsing;
using K2.Testing.Binance;

namespace K2.Ingestion.Tests.Binance.GapRepair;

public sealed class BinanceHistoricalTradesReaderTests
{
    private static readonly BinanceTradeSample Sample = BinanceTradeTape.Sample("BTCUSDT", BinanceTradeTape.FirstId("BTCUSDT"));
    private static readonly string Item = Sample.ToRestJson();

    public static TheoryData<string, BinanceParseErrorCode> Malformed => new()
    {
        { "{}", BinanceParseErrorCode.UnrecognisedMessage },
        { "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}", BinanceParseErrorCode.UnrecognisedMessage },
        { "[{", BinanceParseErrorCode.InvalidJson },
        { "[" + Item + "]x", BinanceParseErrorCode.InvalidJson },
        { "[1]", BinanceParseErrorCode.NotAnObject },
        { "[{\"id\":1}]", BinanceParseErrorCode.MissingField },
        { "[" + Item.Replace($"\"price\":\"{Sample.Price}\"", "\"price\":1.5", StringComparison.Ordinal) + "]", BinanceParseErrorCode.WrongFieldType },
        { "[" + Item.Replace($"\"qty\":\"{Sample.Quantity}\"", "\"qty\":\"0.000000001\"", StringComparison.Ordinal) + "]", BinanceParseErrorCode.DecimalOutOfRange },
        { "[" + Item.Replace("\"quoteQty\":\"", "\"quoteQty\":\"x", StringComparison.Ordinal) + "]", BinanceParseErrorCode.InvalidDecimal },
        { "[" + Item.Replace("\"isBuyerMaker\":", "\"isBuyerMaker\":\"no\",\"ignored\":", StringComparison.Ordinal) + "]", BinanceParseErrorCode.WrongFieldType },
        { "[" + Item.TrimEnd('}') + ",\"id\":7}]", BinanceParseErrorCode.DuplicateField },
        { "[{\"id\":1,\"price\":\"\\uD800\"}]", BinanceParseErrorCode.InvalidJson },
    };

    [Fact]
    public void Reads_Binance_historical_trades_into_backfilled_trades()
    {
        var error = Read("[" + Item + "," + BinanceTradeTape.Sample("BTCUSDT", Sample.Id + 1).ToRestJson() + "]", out var trades);

        Assert.Null(error);
        Assert.Equal(2, trades.Count);
        Assert.Equal("true", trades[0].VendorData[BinanceVendorKeys.Backfilled]);
        Assert.Equal(Sample.Id + 1, trades[1].SourceSequence);
    }

    [Fact]
    public void An_empty_page_is_no_error()
    {
        Assert.Null(Read("[]", out var trades));
        Assert.Empty(trades);
    }

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_answers_are_typed_errors(string json, BinanceParseErrorCode expected)
    {
        Assert.Equal(expected, Read(json, out _)?.Code);
    }

    private static BinanceParseError? Read(string json, out List<Trade> trades)
    {
        trades = [];
        Assert.True(BinanceSymbolResolver.Default.TryResolve("BTCUSDT", out var symbol));
        return BinanceHistoricalTradesReader.Read(Encoding.UTF8.GetBytes(json), symbol, DateTimeOffset.UtcNow, trades);
    }
}

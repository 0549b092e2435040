using K2.Ingestion.Binance.Parsing;
using static K2.Ingestion.Tests.Binance.Parsing.Frames;

namespace K2.Ingestion.Tests.Binance.Parsing;

public sealed class BinanceTradeParserErrorTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
    private readonly BinanceTradeParser _parser = new(BinanceSymbolResolver.Default);

    public static TheoryData<string, BinanceParseErrorCode> Malformed => new()
    {
        { "", BinanceParseErrorCode.EmptyMessage },
        { "not json", BinanceParseErrorCode.InvalidJson },
        { "   ", BinanceParseErrorCode.InvalidJson },
        { "{", BinanceParseErrorCode.InvalidJson },
        { Combined(Event())[..^7], BinanceParseErrorCode.InvalidJson },
        { Combined(Event()) + "x", BinanceParseErrorCode.InvalidJson },
        { Combined(Event()) + "{}", BinanceParseErrorCode.InvalidJson },
        { "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",}}", BinanceParseErrorCode.InvalidJson },
        { "[]", BinanceParseErrorCode.NotAnObject },
        { "123", BinanceParseErrorCode.NotAnObject },
        { "\"trade\"", BinanceParseErrorCode.NotAnObject },
        { "null", BinanceParseErrorCode.NotAnObject },
        { "{}", BinanceParseErrorCode.UnrecognisedMessage },
        { "{\"hello\":\"world\"}", BinanceParseErrorCode.UnrecognisedMessage },
        { "{\"stream\":\"btcusdt@trade\",\"data\":" + Event(bestMatch: null) + ",\"M\":true}", BinanceParseErrorCode.UnrecognisedMessage },
        { "{\"stream\":\"btcusdt@trade\"}", BinanceParseErrorCode.MissingField },
        { "{\"stream\":\"btcusdt@trade\",\"data\":{}}", BinanceParseErrorCode.MissingField },
        { "{\"stream\":42,\"data\":" + Event() + "}", BinanceParseErrorCode.WrongFieldType },
        { "{\"stream\":\"btcusdt@trade\",\"data\":[]}", BinanceParseErrorCode.WrongFieldType },
        { "{\"stream\":\"btcusdt@trade\",\"data\":\"trade\"}", BinanceParseErrorCode.WrongFieldType },
        { "{\"stream\":\"btcusdt@trade\",\"stream\":\"btcusdt@trade\",\"data\":" + Event() + "}", BinanceParseErrorCode.DuplicateField },
        { "{\"stream\":\"btcusdt@trade\",\"data\":" + Event() + ",\"data\":" + Event() + "}", BinanceParseErrorCode.DuplicateField },
        { Combined(Event().TrimEnd('}') + ",\"p\":\"1.00000000\"}"), BinanceParseErrorCode.DuplicateField },
        { Combined(Event(e: "\"aggTrade\"")), BinanceParseErrorCode.UnsupportedEvent },
        { Combined(Event(e: "\"24hrTicker\"")), BinanceParseErrorCode.UnsupportedEvent },
        { Combined(Event(e: "1")), BinanceParseErrorCode.WrongFieldType },
        { Combined(Event(s: "\"BTCXYZ\"")), BinanceParseErrorCode.InvalidSymbol },
        { Combined(Event(s: "\"btcusdt\"")), BinanceParseErrorCode.InvalidSymbol },
        { Combined(Event(s: "\"\"")), BinanceParseErrorCode.InvalidSymbol },
        { Combined(Event(s: "\"USDT\"")), BinanceParseErrorCode.InvalidSymbol },
        { Combined(Event(s: "\"BTC-USDT\"")), BinanceParseErrorCode.InvalidSymbol },
        { Combined(Event(s: "\"" + new string('A', 40) + "USDT\"")), BinanceParseErrorCode.InvalidSymbol },
        { Combined(Event(s: "null")), BinanceParseErrorCode.WrongFieldType },
        { Combined(Event(), "ethusdt@trade"), BinanceParseErrorCode.StreamMismatch },
        { Combined(Event(), "btcusdt@aggTrade"), BinanceParseErrorCode.StreamMismatch },
        { Combined(Event(p: "1.5")), BinanceParseErrorCode.WrongFieldType },
        { Combined(Event(p: "null")), BinanceParseErrorCode.WrongFieldType },
        { Combined(Event(p: "\"abc\"")), BinanceParseErrorCode.InvalidDecimal },
        { Combined(Event(p: "\"\"")), BinanceParseErrorCode.InvalidDecimal },
        { Combined(Event(p: "\"1e5\"")), BinanceParseErrorCode.InvalidDecimal },
        { Combined(Event(p: "\"1.\"")), BinanceParseErrorCode.InvalidDecimal },
        { Combined(Event(p: "\".5\"")), BinanceParseErrorCode.InvalidDecimal },
        { Combined(Event(p: "\"-\"")), BinanceParseErrorCode.InvalidDecimal },
        { Combined(Event(p: "\"+1.5\"")), BinanceParseErrorCode.InvalidDecimal },
        { Combined(Event(p: "\" 1.5\"")), BinanceParseErrorCode.InvalidDecimal },
        { Combined(Event(p: "\"1,5\"")), BinanceParseErrorCode.InvalidDecimal },
        { Combined(Event(p: "\"NaN\"")), BinanceParseErrorCode.InvalidDecimal },
        { Combined(Event(p: "\"" + new string('1', 70) + "\"")), BinanceParseErrorCode.WrongFieldType },
        { Combined(Event(p: "\"0.000000001\"")), BinanceParseErrorCode.DecimalOutOfRange },
        { Combined(Event(p: "\"67123.456789012\"")), BinanceParseErrorCode.DecimalOutOfRange },
        { Combined(Event(p: "\"12345678901.5\"")), BinanceParseErrorCode.DecimalOutOfRange },
        { Combined(Event(q: "\"99999999999\"")), BinanceParseErrorCode.DecimalOutOfRange },
        { Combined(Event(p: "\"0\"")), BinanceParseErrorCode.NonPositiveValue },
        { Combined(Event(p: "\"0.00000000\"")), BinanceParseErrorCode.NonPositiveValue },
        { Combined(Event(q: "\"-1.5\"")), BinanceParseErrorCode.NonPositiveValue },
        { Combined(Event(t: "-1")), BinanceParseErrorCode.InvalidTradeId },
        { Combined(Event(t: "\"4851805410\"")), BinanceParseErrorCode.WrongFieldType },
        { Combined(Event(t: "4851805410.5")), BinanceParseErrorCode.WrongFieldType },
        { Combined(Event(t: "99999999999999999999")), BinanceParseErrorCode.WrongFieldType },
        { Combined(Event(tradeTime: "-5")), BinanceParseErrorCode.InvalidTimestamp },
        { Combined(Event(tradeTime: "999999999999999999")), BinanceParseErrorCode.InvalidTimestamp },
        { Combined(Event(tradeTime: "\"1773136800000\"")), BinanceParseErrorCode.WrongFieldType },
        { Combined(Event(eventTime: "-1")), BinanceParseErrorCode.InvalidTimestamp },
        { Combined(Event(m: "\"true\"")), BinanceParseErrorCode.WrongFieldType },
        { Combined(Event(m: "null")), BinanceParseErrorCode.WrongFieldType },
        { Combined(Event(m: "1")), BinanceParseErrorCode.WrongFieldType },
        { Combined(Event(bestMatch: "\"yes\"")), BinanceParseErrorCode.WrongFieldType },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Malformed_input_is_a_typed_error_never_an_exception(string frame, BinanceParseErrorCode expected)
    {
        var result = _parser.Parse(Utf8(frame), ReceivedAt);

        Assert.Equal(BinanceMessageKind.Invalid, result.Kind);
        Assert.Null(result.Trade);
        Assert.Equal(expected, result.Error!.Code);
        Assert.False(string.IsNullOrWhiteSpace(result.Error.Message));
        Assert.StartsWith(expected.ToString() + ": ", result.Error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("e")]
    [InlineData("E")]
    [InlineData("s")]
    [InlineData("t")]
    [InlineData("p")]
    [InlineData("q")]
    [InlineData("T")]
    [InlineData("m")]
    public void Each_required_field_is_named_when_missing(string field)
    {
        var frame = field switch
        {
            "e" => Combined(Event(e: null)),
            "E" => Combined(Event(eventTime: null)),
            "s" => Combined(Event(s: null)),
            "t" => Combined(Event(t: null)),
            "p" => Combined(Event(p: null)),
            "q" => Combined(Event(q: null)),
            "T" => Combined(Event(tradeTime: null)),
            _ => Combined(Event(m: null)),
        };

        var error = _parser.Parse(Utf8(frame), ReceivedAt).Error!;

        Assert.Equal(BinanceParseErrorCode.MissingField, error.Code);
        Assert.Contains($"'{field}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"stream\":\"\\uD800\",\"data\":{}}")]
    [InlineData("{\"\\uD800\":1,\"stream\":\"btcusdt@trade\"}")]
    public void Escapes_of_lone_surrogates_are_rejected_without_an_exception(string frame)
    {
        Assert.Equal(BinanceMessageKind.Invalid, _parser.Parse(Utf8(frame), ReceivedAt).Kind);
    }

    [Fact]
    public void Invalid_utf8_is_rejected_without_an_exception()
    {
        var frame = Utf8(Combined(Event(s: "\"BTCUSDT\"")));
        var symbolAt = Array.IndexOf(frame, (byte)'B', Array.IndexOf(frame, (byte)'s'));
        frame[symbolAt] = 0xFF;

        var result = _parser.Parse(frame, ReceivedAt);

        Assert.Equal(BinanceMessageKind.Invalid, result.Kind);
    }
}

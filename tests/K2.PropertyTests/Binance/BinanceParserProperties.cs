using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using CsCheck;
using K2.Contracts.Avro;
using K2.Contracts.Model;
using K2.Ingestion.Binance.Configuration;
using K2.Ingestion.Binance.Parsing;
using K2.Testing;

namespace K2.PropertyTests.Binance;

/// <summary>
/// Generated Binance trade events: a valid one parses to exactly the values sent, in any key order, raw or
/// combined, with unknown fields anywhere; a field replaced by arbitrary JSON gives a trade only when that JSON is a
/// valid value for the field (and then that value), otherwise the typed error that becomes the dead letter.
/// </summary>
public sealed partial class BinanceParserProperties
{
    private static readonly DateTimeOffset ReceivedAt = new(2026, 3, 10, 10, 0, 0, 123, 456, TimeSpan.Zero);
    private static readonly string[] ReadKeys = ["e", "E", "s", "t", "p", "q", "T", "m", "M"];
    private readonly BinanceTradeParser _parser = new(BinanceSymbolResolver.Default);

    [Fact]
    public void A_valid_event_parses_to_exactly_its_values() =>
        BinanceGen.Event.Sample(
            sent => AssertTrade(sent, _parser.Parse(sent.ToUtf8(), ReceivedAt)),
            iter: PropertyRuns.Iterations(3_000));

    /// <summary>What the feed parsed is what goes on the Kafka wire: the Avro round trip changes nothing.</summary>
    [Fact]
    public void A_parsed_trade_survives_the_avro_wire_format_exactly() =>
        BinanceGen.Event.Sample(sent =>
        {
            var trade = _parser.Parse(sent.ToUtf8(), ReceivedAt).Trade!;
            var decoded = TradeAvroCodec.Decode(TradeAvroCodec.Encode(trade));

            Assert.Equal(
                (trade.MessageId, trade.TradeId, trade.Symbol, trade.Exchange, trade.Timestamp, trade.Price, trade.Quantity, trade.Side, trade.SourceSequence, trade.IngestionTimestamp),
                (decoded.MessageId, decoded.TradeId, decoded.Symbol, decoded.Exchange, decoded.Timestamp, decoded.Price, decoded.Quantity, decoded.Side, decoded.SourceSequence, decoded.IngestionTimestamp));
            Assert.Equal(trade.Price.ToString(CultureInfo.InvariantCulture), decoded.Price.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(trade.VendorData.OrderBy(kv => kv.Key, StringComparer.Ordinal), decoded.VendorData.OrderBy(kv => kv.Key, StringComparer.Ordinal));
            Assert.Equal(MarketDecimal.ToUnscaled(sent.Price), MarketDecimal.ToUnscaled(decoded.Price));
        }, iter: PropertyRuns.Iterations(1_000));

    [Fact]
    public void A_field_replaced_by_arbitrary_json_is_a_trade_only_when_the_json_is_a_valid_value() =>
        Gen.Select(BinanceGen.Event, Gen.OneOf(ReadKeys), BinanceGen.AnyJson).Sample((sent, key, json) =>
        {
            var result = _parser.Parse(sent.ToUtf8((key, json)), ReceivedAt);
            var meaning = Meaning(sent, key, json);

            if (meaning is null)
            {
                Assert.True(result.IsInvalid, $"'{key}':{json} was accepted");
                AssertTypedError(result);
            }
            else if (key == "e" && meaning is "serverShutdown")
            {
                Assert.Equal(BinanceMessageKind.ServerShutdown, result.Kind);
            }
            else
            {
                AssertTrade(Apply(sent, key, meaning), result);
            }
        }, iter: PropertyRuns.Iterations(5_000));

    [Fact]
    public void A_missing_or_repeated_field_is_a_typed_error() =>
        Gen.Select(BinanceGen.Event, Gen.OneOf(ReadKeys[..^1]), Gen.Bool).Sample((sent, key, repeat) =>
        {
            var fields = sent.Fields().ToList();
            var at = fields.FindIndex(f => f.Key == key);
            if (repeat)
            {
                fields.Add(fields[at]);
            }
            else
            {
                fields.RemoveAt(at);
            }

            var data = "{" + string.Join(',', fields.Select(f => $"\"{f.Key}\":{f.Json}")) + "}";
            var result = _parser.Parse(System.Text.Encoding.UTF8.GetBytes(data), ReceivedAt);

            Assert.True(result.IsInvalid);
            Assert.Equal(repeat ? BinanceParseErrorCode.DuplicateField : BinanceParseErrorCode.MissingField, result.Error!.Code);
        }, iter: PropertyRuns.Iterations(1_000));

    [Fact]
    public void Any_json_document_is_a_result_never_an_exception() =>
        BinanceGen.AnyJson.Sample(json =>
        {
            var result = _parser.Parse(System.Text.Encoding.UTF8.GetBytes(json), ReceivedAt);
            Assert.NotEqual(BinanceMessageKind.Trade, result.Kind);
            if (result.IsInvalid)
            {
                AssertTypedError(result);
            }
        }, iter: PropertyRuns.Iterations(3_000));

    private static void AssertTypedError(BinanceParseResult result)
    {
        Assert.True(Enum.IsDefined(result.Error!.Code));
        Assert.StartsWith(result.Error.Code.ToString(), result.Error.ToString(), StringComparison.Ordinal);
    }

    private static void AssertTrade(BinanceEvent sent, BinanceParseResult result)
    {
        Assert.True(result.IsTrade, result.Error?.ToString());
        var trade = result.Trade;
        Assert.Equal(sent.Symbol, trade.Symbol);
        Assert.Equal("BINANCE", trade.Exchange);
        Assert.Equal(sent.QuoteAsset, trade.Currency);
        Assert.Equal($"BINANCE-{sent.TradeId}", trade.TradeId);
        Assert.Equal(sent.TradeId, trade.SourceSequence);
        Assert.Equal(sent.Price, trade.Price);
        Assert.Equal(sent.Quantity, trade.Quantity);
        Assert.Equal(MarketDecimal.Scale, trade.Price.Scale);
        Assert.Equal(DateTimeOffset.UnixEpoch.AddMilliseconds(sent.TradeTimeMs), trade.Timestamp);
        Assert.Equal(sent.BuyerIsMaker ? TradeSide.Sell : TradeSide.Buy, trade.Side);
        Assert.Equal(sent.EventTimeMs.ToString(CultureInfo.InvariantCulture), trade.VendorData["event_time"]);
        Assert.Equal(sent.BestMatch is { } best ? (best ? "true" : "false") : null, trade.VendorData.GetValueOrDefault("is_best_match"));
        Assert.Equal(sent.Combined ? sent.Stream : null, trade.VendorData.GetValueOrDefault("stream"));
        Assert.Equal(new DateTimeOffset(2026, 3, 10, 10, 0, 0, 123, 456, TimeSpan.Zero), trade.IngestionTimestamp);
    }

    /// <summary>
    /// What a JSON value means in a field, decided from the Binance format and an independent JSON reader, not from
    /// the parser: the value to expect, or null when the field cannot hold it.
    /// </summary>
    private static object? Meaning(BinanceEvent sent, string key, string json)
    {
        using var document = JsonDocument.Parse(json);
        var value = document.RootElement;
        return key switch
        {
            "e" => value.ValueKind == JsonValueKind.String && value.GetString() is "trade" or "serverShutdown" ? value.GetString() : null,
            "E" or "T" => Integer(value) is { } ms && ms >= 0 && ms <= BinanceGen.MaxUnixMilliseconds ? ms : null,
            "t" => Integer(value) is { } id && id >= 0 ? id : null,
            "p" or "q" => value.ValueKind == JsonValueKind.String && PositiveFittingDecimal(value.GetString()!) is { } text ? text : null,
            "m" or "M" => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : null,
            _ => value.ValueKind == JsonValueKind.String && IsSymbolFor(sent, value.GetString()!) ? value.GetString() : null,
        };
    }

    private static BinanceEvent Apply(BinanceEvent sent, string key, object meaning) => key switch
    {
        "E" => sent with { EventTimeMs = (long)meaning },
        "T" => sent with { TradeTimeMs = (long)meaning },
        "t" => sent with { TradeId = (long)meaning },
        "p" => sent with { PriceText = (string)meaning },
        "q" => sent with { QuantityText = (string)meaning },
        "m" => sent with { BuyerIsMaker = (bool)meaning },
        "M" => sent with { BestMatch = (bool)meaning },
        "s" => sent with
        {
            Symbol = (string)meaning,
            QuoteAsset = BinanceFeedDefaults.QuoteAssets.OrderByDescending(q => q.Length).First(q => ((string)meaning).EndsWith(q, StringComparison.Ordinal)),
        },
        _ => sent,
    };

    /// <summary>A JSON integer literal (no fraction, no exponent) that fits a long.</summary>
    private static long? Integer(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && IntegerLiteral().IsMatch(value.GetRawText())
        && long.TryParse(value.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : null;

    private static string? PositiveFittingDecimal(string text)
    {
        if (!PlainDecimal().IsMatch(text))
        {
            return null;
        }

        var parts = text.Split('.');
        var integer = parts[0].TrimStart('0');
        var fraction = parts.Length > 1 ? parts[1].TrimEnd('0') : string.Empty;
        return integer.Length <= MarketDecimal.Precision - MarketDecimal.Scale && fraction.Length <= MarketDecimal.Scale
            && decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) > 0m
                ? text
                : null;
    }

    /// <summary>The same symbol can only be sent again; any other valid-looking symbol contradicts the stream name.</summary>
    private static bool IsSymbolFor(BinanceEvent sent, string text) =>
        text == sent.Symbol
        || (!sent.Combined && SymbolPattern().IsMatch(text)
            && BinanceFeedDefaults.QuoteAssets.Any(quote => text.Length > quote.Length && text.EndsWith(quote, StringComparison.Ordinal)));

    [GeneratedRegex(@"^-?[0-9]+\z")]
    private static partial Regex IntegerLiteral();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?\z")]
    private static partial Regex PlainDecimal();

    [GeneratedRegex(@"^[A-Z0-9]{1,32}\z")]
    private static partial Regex SymbolPattern();
}

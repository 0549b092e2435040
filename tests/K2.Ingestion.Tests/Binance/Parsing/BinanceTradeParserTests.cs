using K2.Contracts.Model;
using K2.Ingestion.Binance.Parsing;
using static K2.Ingestion.Tests.Binance.Parsing.Frames;

namespace K2.Ingestion.Tests.Binance.Parsing;

public sealed class BinanceTradeParserTests
{
    private static readonly DateTimeOffset ReceivedAt = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);
    private readonly BinanceTradeParser _parser = new(BinanceSymbolResolver.Default);

    [Fact]
    public void Maps_every_field_of_the_documented_trade_frame()
    {
        var result = _parser.Parse(Utf8(Combined(DocsEvent, "bnbbtc@trade")), ReceivedAt);

        Assert.Equal(BinanceMessageKind.Trade, result.Kind);
        var trade = result.Trade!;
        Assert.Equal(MessageIds.ForTrade("BINANCE", "BNBBTC", "BINANCE-12345"), trade.MessageId);
        Assert.Equal("BINANCE-12345", trade.TradeId);
        Assert.Equal("BNBBTC", trade.Symbol);
        Assert.Equal("BINANCE", trade.Exchange);
        Assert.Equal(AssetClass.Crypto, trade.AssetClass);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1672515782136), trade.Timestamp);
        Assert.Equal(TimeSpan.Zero, trade.Timestamp.Offset);
        Assert.Equal(0.001m, trade.Price);
        Assert.Equal(100m, trade.Quantity);
        Assert.Equal("BTC", trade.Currency);
        Assert.Equal(TradeSide.Sell, trade.Side);
        Assert.Equal(12345, trade.SourceSequence);
        Assert.Null(trade.PlatformSequence);
        Assert.Empty(trade.TradeConditions);
        Assert.Equal(new Dictionary<string, string>
        {
            ["event_time"] = "1672515782136",
            ["is_best_match"] = "true",
            ["base_asset"] = "BNB",
            ["quote_asset"] = "BTC",
            ["stream"] = "bnbbtc@trade",
            ["source"] = "ws-trade",
        }, trade.VendorData);
    }

    [Fact]
    public void Keeps_every_digit_of_eight_decimal_prices_and_quantities()
    {
        var trade = _parser.Parse(Utf8(Combined(Event(p: "\"67123.45678901\"", q: "\"0.00012345\""))), ReceivedAt).Trade!;

        Assert.Equal(67123.45678901m, trade.Price);
        Assert.Equal(0.00012345m, trade.Quantity);
        Assert.Equal("67123.45678901", trade.Price.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("0.00012345", trade.Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(MarketDecimal.Fits(trade.Price));
    }

    [Theory]
    [InlineData("true", TradeSide.Sell)]
    [InlineData("false", TradeSide.Buy)]
    public void Side_is_the_aggressor_sell_when_the_buyer_was_maker(string buyerIsMaker, TradeSide expected)
    {
        var trade = _parser.Parse(Utf8(Combined(Event(m: buyerIsMaker))), ReceivedAt).Trade!;

        Assert.Equal(expected, trade.Side);
    }

    [Fact]
    public void Best_match_flag_may_be_absent()
    {
        var trade = _parser.Parse(Utf8(Combined(Event(bestMatch: null))), ReceivedAt).Trade!;

        Assert.False(trade.VendorData.ContainsKey(BinanceVendorKeys.IsBestMatch));
        Assert.Equal(67123.45678901m, trade.Price);
    }

    [Fact]
    public void Best_match_false_is_kept()
    {
        var trade = _parser.Parse(Utf8(Combined(Event(bestMatch: "false"))), ReceivedAt).Trade!;

        Assert.Equal("false", trade.VendorData[BinanceVendorKeys.IsBestMatch]);
    }

    [Fact]
    public void Accepts_data_before_stream_as_Binance_sometimes_orders_keys()
    {
        var frame = $"{{\"data\":{Event()},\"stream\":\"btcusdt@trade\"}}";

        var trade = _parser.Parse(Utf8(frame), ReceivedAt).Trade!;

        Assert.Equal("btcusdt@trade", trade.VendorData[BinanceVendorKeys.Stream]);
    }

    [Fact]
    public void Parses_a_raw_trade_event_without_the_combined_wrapper()
    {
        var trade = _parser.Parse(Utf8(Event()), ReceivedAt).Trade!;

        Assert.Equal("BINANCE-4851805410", trade.TradeId);
        Assert.False(trade.VendorData.ContainsKey(BinanceVendorKeys.Stream));
    }

    [Fact]
    public void Ingestion_timestamp_is_the_receive_time_in_whole_microseconds()
    {
        var trade = _parser.Parse(Utf8(Combined(Event())), ReceivedAt).Trade!;

        Assert.Equal(UtcMicros.Truncate(ReceivedAt), trade.IngestionTimestamp);
        Assert.Equal(0, trade.IngestionTimestamp.Ticks % 10);
    }

    [Fact]
    public void Trade_time_milliseconds_become_microseconds_exactly()
    {
        var trade = _parser.Parse(Utf8(Combined(Event(tradeTime: "1773136800123"))), ReceivedAt).Trade!;

        Assert.Equal(1773136800123_000, UtcMicros.ToMicros(trade.Timestamp));
    }

    [Theory]
    [InlineData("BTCUSDT", "BTC", "USDT")]
    [InlineData("ETHFDUSD", "ETH", "FDUSD")]
    [InlineData("BTCTUSD", "BTC", "TUSD")]
    [InlineData("BNBBTC", "BNB", "BTC")]
    [InlineData("WBETHETH", "WBETH", "ETH")]
    [InlineData("SOLTRY", "SOL", "TRY")]
    [InlineData("ADAEUR", "ADA", "EUR")]
    [InlineData("1000SATSUSDT", "1000SATS", "USDT")]
    [InlineData("USDCUSDT", "USDC", "USDT")]
    public void Currency_is_the_quote_asset_by_longest_suffix(string symbol, string baseAsset, string quoteAsset)
    {
        var frame = Combined(Event(s: $"\"{symbol}\""), BinanceSymbol.TradeStreamOf(symbol));

        var trade = _parser.Parse(Utf8(frame), ReceivedAt).Trade!;

        Assert.Equal(symbol, trade.Symbol);
        Assert.Equal(quoteAsset, trade.Currency);
        Assert.Equal(baseAsset, trade.VendorData[BinanceVendorKeys.BaseAsset]);
        Assert.Equal(quoteAsset, trade.VendorData[BinanceVendorKeys.QuoteAsset]);
    }

    [Fact]
    public void Unknown_fields_are_skipped_whatever_their_shape()
    {
        var data = Event().TrimEnd('}') + ",\"x\":{\"nested\":[1,2,{\"deep\":null}]},\"b\":88,\"a\":50}";

        Assert.True(_parser.Parse(Utf8(Combined(data)), ReceivedAt).IsTrade);
    }

    [Fact]
    public void Escaped_strings_are_unescaped_before_use()
    {
        // "\u0042TCUSDT" is BTCUSDT and "67123.4567890\u0031" is 67123.45678901, written with JSON escapes.
        var frame = Combined(Event(s: "\"\\u0042TCUSDT\"", p: "\"67123.4567890\\u0031\""));

        var trade = _parser.Parse(Utf8(frame), ReceivedAt).Trade!;

        Assert.Equal("BTCUSDT", trade.Symbol);
        Assert.Equal(67123.45678901m, trade.Price);
    }

    [Fact]
    public void Same_trade_always_gets_the_same_message_id()
    {
        var first = _parser.Parse(Utf8(Combined(Event())), ReceivedAt).Trade!;
        var replay = _parser.Parse(Utf8(Combined(Event())), ReceivedAt.AddHours(1)).Trade!;

        Assert.Equal(first.MessageId, replay.MessageId);
    }

    [Theory]
    [InlineData("{\"result\":null,\"id\":1}")]
    [InlineData("{\"result\":[\"btcusdt@trade\"],\"id\":3}")]
    [InlineData("{\"id\":312,\"result\":null}")]
    [InlineData("{\"code\":2,\"msg\":\"Invalid request: unknown variant\",\"id\":4}")]
    public void Subscription_responses_are_recognised_not_rejected(string frame)
    {
        var result = _parser.Parse(Utf8(frame), ReceivedAt);

        Assert.Equal(BinanceMessageKind.ControlResponse, result.Kind);
        Assert.Null(result.Error);
        Assert.Null(result.Trade);
    }

    [Theory]
    [InlineData("{\"stream\":\"!serverShutdown\",\"data\":{\"e\":\"serverShutdown\",\"E\":1770123456789}}")]
    [InlineData("{\"e\":\"serverShutdown\",\"E\":1770123456789}")]
    public void Server_shutdown_announcements_are_recognised(string frame)
    {
        Assert.Equal(BinanceMessageKind.ServerShutdown, _parser.Parse(Utf8(frame), ReceivedAt).Kind);
    }
}

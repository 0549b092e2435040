using System.Text;
using K2.Contracts.Model;
using K2.Testing.Binance;
using Xunit.Abstractions;

namespace K2.Ingestion.Tests.Binance.Streaming;

/// <summary>The feed against the fake Binance over real loopback WebSockets: what gets published and dead-lettered.</summary>
public sealed class BinanceWebSocketFeedTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Publishes_every_trade_in_arrival_order_with_exact_values()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var btc = server.Tape.Take("BTCUSDT", 3);
        var eth = server.Tape.Take("ETHUSDT", 2);
        var bnb = server.Tape.Take("BNBUSDT", 1);
        var precise = new BinanceTradeSample(
            "BTCUSDT", btc[^1].Id + 1, "67123.45678901", "0.00012345", 1_773_136_800_123, 1_773_136_800_124, BuyerIsMaker: false, IsBestMatch: null);
        BinanceTradeSample[] sent = [btc[0], eth[0], btc[1], bnb[0], eth[1], btc[2], precise];
        server.EnqueueSession(script => script.SendTrades(sent));
        var before = DateTimeOffset.UtcNow;

        await using var harness = await FeedHarness.StartAsync(output, server);
        var trades = await harness.Publisher.Trades.WaitForCountAsync(sent.Length);

        Assert.Equal(ExpectedTrades.Ids(sent), ExpectedTrades.Ids(trades));
        foreach (var (sample, trade) in sent.Zip(trades))
        {
            ExpectedTrades.AssertLive(sample, trade);
            Assert.InRange(trade.IngestionTimestamp, UtcMicros.Truncate(before), DateTimeOffset.UtcNow);
        }

        Assert.Equal(67123.45678901m, trades[^1].Price);
        Assert.Equal(0.00012345m, trades[^1].Quantity);
        Assert.Equal(TradeSide.Buy, trades[^1].Side);
        Assert.Empty(harness.DeadLetters.Letters.Snapshot());
    }

    [Fact]
    public async Task Dead_letters_malformed_and_oversized_messages_and_keeps_streaming()
    {
        const int maxMessageBytes = 4096;
        await using var server = await FakeBinanceServer.StartAsync();
        var trades = server.Tape.Take("BTCUSDT", 5);
        const string malformed = "{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":17731368";
        var oversized = FakeBinanceScript.OversizedMessage(10_000);
        server.EnqueueSession(script => script
            .SendTrades(trades[0])
            .SendText(malformed)
            .SendTrades(trades[1])
            .SendOversized(10_000)
            .SendTrades(trades[2])
            .SendFragmented(trades[3].ToCombinedJson(), fragments: 3)
            .SendSubscriptionResponse()
            .SendTrades(trades[4]));

        await using var harness = await FeedHarness.StartAsync(output, server, options =>
        {
            options.InitialReceiveBufferBytes = 1024;
            options.MaxMessageBytes = maxMessageBytes;
        });
        var metrics = harness.Measurements;
        var published = await harness.Publisher.Trades.WaitForCountAsync(trades.Length);

        Assert.Equal(ExpectedTrades.Ids(trades), ExpectedTrades.Ids(published));
        var letters = harness.DeadLetters.Letters.Snapshot();
        Assert.Equal(2, letters.Count);
        var endpoint = server.WebSocketUri.AbsoluteUri.TrimEnd('/');

        Assert.Equal("binance", letters[0].Source);
        Assert.Equal("parse", letters[0].Stage);
        Assert.Equal(Encoding.UTF8.GetBytes(malformed), letters[0].Payload.ToArray());
        Assert.StartsWith("InvalidJson: ", letters[0].Error, StringComparison.Ordinal);
        Assert.Equal($"{endpoint}#conn-1/frame-2", letters[0].SourcePosition);

        Assert.Equal("binance", letters[1].Source);
        Assert.Equal(Encoding.UTF8.GetBytes(oversized)[..maxMessageBytes], letters[1].Payload.ToArray());
        Assert.StartsWith("MessageTooLarge: message of 10000 bytes", letters[1].Error, StringComparison.Ordinal);
        Assert.Equal($"{endpoint}#conn-1/frame-4", letters[1].SourcePosition);

        Assert.Equal(5, metrics.Sum("k2.binance.trades_published"));
        Assert.Equal(1, metrics.Sum("k2.binance.parse_errors", "code", "InvalidJson"));
        Assert.Equal(1, metrics.Sum("k2.binance.parse_errors", "code", "MessageTooLarge"));
    }

    [Fact]
    public async Task Counts_every_message_received_including_ignored_ones()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var trades = server.Tape.Take("ETHUSDT", 2);
        server.EnqueueSession(script => script.SendSubscriptionResponse().SendTrades(trades).SendText("oops"));

        await using var harness = await FeedHarness.StartAsync(output, server);
        var metrics = harness.Measurements;
        await harness.DeadLetters.Letters.WaitForCountAsync(1);

        Assert.Equal(4, metrics.Sum("k2.binance.messages_received"));
        Assert.Equal(2, metrics.Sum("k2.binance.trades_published"));
    }
}

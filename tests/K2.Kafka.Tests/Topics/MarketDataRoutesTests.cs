using K2.Kafka.Topics;
using K2.Testing;

namespace K2.Kafka.Tests.Topics;

public sealed class MarketDataRoutesTests
{
    [Fact]
    public void Trades_route_by_venue_whatever_the_case_of_the_exchange_code()
    {
        Assert.Same(MarketDataRoutes.BinanceTrades, MarketDataRoutes.ForTrade(Trades.Binance(1)));
        Assert.Same(MarketDataRoutes.BinanceTrades, MarketDataRoutes.ForTrade(Trades.Binance(1) with { Exchange = "binance" }));
        Assert.Same(MarketDataRoutes.AsxTrades, MarketDataRoutes.ForTrade(Trades.Asx(1)));
        Assert.Equal("market.crypto.trades.binance", MarketDataRoutes.BinanceTrades.Topic);
        Assert.Equal("market.equities.trades.asx", MarketDataRoutes.AsxTrades.Topic);
        Assert.Equal("market.equities.quotes.asx", MarketDataRoutes.AsxQuotes.Topic);
    }

    [Fact]
    public void Dead_letter_topics_are_named_after_their_source_and_bad_names_are_refused()
    {
        Assert.Equal("k2.dlq.binance", KafkaTopics.DeadLetter("binance"));
        Assert.Throws<ArgumentException>(() => KafkaTopics.DeadLetter("Bin Ance"));
        Assert.Throws<ArgumentException>(() => new KafkaTopicSpec("bad topic", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KafkaTopicSpec("good.topic", 0));
    }
}

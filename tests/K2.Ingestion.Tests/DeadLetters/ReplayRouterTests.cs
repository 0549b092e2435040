using K2.Ingestion.DeadLetters.Replay;
using K2.Kafka.DeadLetters;
using K2.Kafka.Publishing;
using K2.Kafka.Topics;

namespace K2.Ingestion.Tests.DeadLetters;

public sealed class ReplayRouterTests
{
    [Theory]
    [InlineData("silo", "decode", "market.crypto.trades.binance/3@17", ReplayRouteKind.OriginalTopic, KafkaTopics.BinanceTrades)]
    [InlineData("silo", "validate", "market.equities.trades.asx/0@2", ReplayRouteKind.OriginalTopic, KafkaTopics.AsxTrades)]
    [InlineData("binance", "gap-repair", "k2.control.gaps/0@5", ReplayRouteKind.OriginalTopic, KafkaTopics.ControlGaps)]
    [InlineData("binance", "parse", "wss://stream.binance.com:9443#conn-3/frame-1042", ReplayRouteKind.ReparseBinanceFrame, null)]
    [InlineData("asx", "parse", "trades/7078.csv:line 513", ReplayRouteKind.NotReplayable, null)]
    [InlineData("silo", "decode", "k2.dlq.silo/0@1", ReplayRouteKind.NotReplayable, null)]
    [InlineData("silo", "decode", "market.crypto.trades.binance/x@1", ReplayRouteKind.NotReplayable, null)]
    public void Each_dead_letter_is_routed_by_where_it_came_from(string source, string stage, string position, ReplayRouteKind kind, string? topic)
    {
        var record = new DeadLetterRecord(KafkaTopics.DeadLetter(source), 0, 0, new DeadLetter(source, stage, "error", new byte[] { 1 }, position, DateTimeOffset.UnixEpoch));

        var route = ReplayRouter.Route(record);

        Assert.Equal((kind, topic), (route.Kind, route.Topic));
    }
}

using K2.Kafka.Topics;

namespace K2.Silo.Ingest;

/// <summary>What the silo's consumer subscribes to.</summary>
public static class IngestTopics
{
    /// <summary>
    /// The trade topics. <see cref="KafkaTopics.AsxQuotes"/> is deliberately absent: symbol grains have no quote
    /// ingest yet, and consuming quotes now would commit offsets of quotes nobody stored. Subscribe to it together
    /// with the quote path (grain method + flush).
    /// </summary>
    public static IReadOnlyList<string> Subscribed { get; } = [KafkaTopics.BinanceTrades, KafkaTopics.AsxTrades];
}

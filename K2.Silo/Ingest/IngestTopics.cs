using K2.Contracts.Avro;
using K2.Kafka.Topics;

namespace K2.Silo.Ingest;

/// <summary>What the silo's consumer subscribes to, and which kind of record each topic carries.</summary>
public static class IngestTopics
{
    /// <summary>The trade topics; their offsets are recorded in the trades table.</summary>
    public static IReadOnlyList<string> Trades { get; } = [KafkaTopics.BinanceTrades, KafkaTopics.AsxTrades];

    /// <summary>The quote topics; their offsets are recorded in the quotes table.</summary>
    public static IReadOnlyList<string> Quotes { get; } = [KafkaTopics.AsxQuotes];

    public static IReadOnlyList<string> Subscribed { get; } = [.. Trades, .. Quotes];

    public static MarketDataRecordType KindOf(string topic) =>
        Quotes.Contains(topic, StringComparer.Ordinal) ? MarketDataRecordType.Quote : MarketDataRecordType.Trade;
}

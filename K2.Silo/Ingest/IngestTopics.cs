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

    // The same topics as Quotes, as an array, so KindOf searches a span (an IReadOnlyList would need an enumerator).
    private static readonly string[] QuoteTopics = [.. Quotes];

    public static IReadOnlyList<string> Subscribed { get; } = [.. Trades, .. Quotes];

    /// <summary>Asked for every record the consumer polls: a span search, no enumerator per call.</summary>
    public static MarketDataRecordType KindOf(string topic) =>
        QuoteTopics.AsSpan().Contains(topic) ? MarketDataRecordType.Quote : MarketDataRecordType.Trade;
}

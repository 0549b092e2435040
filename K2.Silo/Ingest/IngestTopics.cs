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

    // The same topics as Quotes, as an array: a foreach over an IReadOnlyList allocates its enumerator.
    private static readonly string[] QuoteTopics = [.. Quotes];

    public static IReadOnlyList<string> Subscribed { get; } = [.. Trades, .. Quotes];

    /// <summary>Asked for every record the consumer polls, so it compares without LINQ (which allocates an enumerator per call).</summary>
    public static MarketDataRecordType KindOf(string topic)
    {
        foreach (var quotes in QuoteTopics)
        {
            if (string.Equals(topic, quotes, StringComparison.Ordinal))
            {
                return MarketDataRecordType.Quote;
            }
        }

        return MarketDataRecordType.Trade;
    }
}

using K2.Kafka.Configuration;

namespace K2.Kafka.Topics;

/// <summary>Every topic K2 needs, with the partition counts configured for it.</summary>
public static class KafkaTopicCatalog
{
    public static IReadOnlyList<KafkaTopicSpec> Create(KafkaTopicOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var topics = new List<KafkaTopicSpec>
        {
            new(KafkaTopics.BinanceTrades, options.BinanceTradePartitions),
            new(KafkaTopics.AsxTrades, options.AsxTradePartitions),
            new(KafkaTopics.AsxQuotes, options.AsxQuotePartitions),
            new(KafkaTopics.ControlGaps, options.ControlPartitions),
            // Kept forever: if its one record expired, the cluster would get a new identity and every recorded offset
            // would be taken for another cluster's.
            new(KafkaTopics.ClusterIdentity, 1) { Configs = new Dictionary<string, string> { ["retention.ms"] = "-1", ["retention.bytes"] = "-1" } },
        };
        topics.AddRange(options.EffectiveDeadLetterSources
            .Distinct(StringComparer.Ordinal)
            .Select(source => new KafkaTopicSpec(KafkaTopics.DeadLetter(source), options.DeadLetterPartitions)));
        return topics;
    }
}

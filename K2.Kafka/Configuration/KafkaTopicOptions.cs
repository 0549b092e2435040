using System.ComponentModel.DataAnnotations;
using K2.Kafka.Topics;

namespace K2.Kafka.Configuration;

/// <summary>
/// Partition counts and replication of K2's topics. Bound from <c>K2:Kafka:Topics</c>. Partition counts only matter
/// when a topic is created: K2 never adds partitions to an existing topic, because that remaps keys to partitions
/// and breaks per-symbol ordering.
/// </summary>
public sealed class KafkaTopicOptions
{
    /// <summary>Upper bound on partitions per topic; far above anything K2 needs, low enough to catch typos.</summary>
    public const int MaxPartitions = 10_000;

    /// <summary>Sized for the busiest venue: partitions bound how many silo consumers can share the load.</summary>
    [Range(1, MaxPartitions)]
    public int BinanceTradePartitions { get; set; } = 40;

    [Range(1, MaxPartitions)]
    public int AsxTradePartitions { get; set; } = 30;

    [Range(1, MaxPartitions)]
    public int AsxQuotePartitions { get; set; } = 30;

    /// <summary>Dead letters are few; one partition lists them in the order they failed.</summary>
    [Range(1, MaxPartitions)]
    public int DeadLetterPartitions { get; set; } = 1;

    /// <summary>Gap notices are few and read by one repairer; raise this when several repairers share the work.</summary>
    [Range(1, MaxPartitions)]
    public int ControlPartitions { get; set; } = 1;

    /// <summary>Replicas per partition on a real cluster; -1 takes the broker's <c>default.replication.factor</c>.</summary>
    [Range(-1, short.MaxValue)]
    public short ReplicationFactor { get; set; } = -1;

    /// <summary>
    /// Sources that get a <c>k2.dlq.&lt;source&gt;</c> topic; <c>null</c> means
    /// <see cref="KafkaTopics.DefaultDeadLetterSources"/>. (A null default, because binding a list onto a non-empty
    /// default appends to it instead of replacing it.)
    /// </summary>
    public string[]? DeadLetterSources { get; set; }

    public IReadOnlyList<string> EffectiveDeadLetterSources => DeadLetterSources ?? KafkaTopics.DefaultDeadLetterSources;
}

using System.ComponentModel.DataAnnotations;
using Confluent.Kafka;

namespace K2.Kafka.Configuration;

/// <summary>
/// Consumer fetch tuning, bound from <c>K2:Kafka:Consumer</c>; names follow the librdkafka properties they set.
/// Commit behaviour, isolation and the group protocol are fixed by <c>KafkaConsumerFactory</c>.
/// </summary>
public sealed class KafkaConsumerOptions
{
    /// <summary><c>fetch.min.bytes</c>: the broker answers a fetch once it has this much, or after <see cref="FetchWaitMaxMs"/>.</summary>
    [Range(1, 100_000_000)]
    public int FetchMinBytes { get; set; } = 1;

    /// <summary><c>fetch.wait.max.ms</c>: bounds the latency a quiet partition adds.</summary>
    [Range(0, 300_000)]
    public int FetchWaitMaxMs { get; set; } = 100;

    /// <summary><c>max.partition.fetch.bytes</c>.</summary>
    [Range(1, 1_000_000_000)]
    public int MaxPartitionFetchBytes { get; set; } = 1_048_576;

    /// <summary><c>fetch.max.bytes</c>: per fetch request across partitions.</summary>
    [Range(1, 2_147_483_135)]
    public int FetchMaxBytes { get; set; } = 52_428_800;

    /// <summary><c>queued.max.messages.kbytes</c>: the consumer's prefetch buffer, the read-side memory bound.</summary>
    [Range(1, 2_097_151)]
    public int QueuedMaxMessagesKbytes { get; set; } = 65_536;

    /// <summary>
    /// <c>statistics.interval.ms</c>: how often librdkafka reports each partition's lag (the
    /// <c>k2.kafka.consumer.lag</c> gauge); 0 turns the statistics, and so the gauge, off.
    /// </summary>
    [Range(0, 86_400_000)]
    public int StatisticsIntervalMs { get; set; } = 15_000;

    /// <summary>Where a group without a committed offset starts: earliest, so nothing is skipped.</summary>
    public AutoOffsetReset AutoOffsetReset { get; set; } = AutoOffsetReset.Earliest;
}

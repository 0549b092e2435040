using Confluent.Kafka;

namespace K2.Silo.Ingest;

/// <summary>The <c>topic/partition@offset</c> text dead letters carry in <c>k2-dlq-position</c>.</summary>
internal static class LogPosition
{
    public static string Of(TopicPartitionOffset position) => $"{position.Topic}/{position.Partition.Value}@{position.Offset.Value}";
}

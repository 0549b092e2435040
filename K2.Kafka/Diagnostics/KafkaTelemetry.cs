namespace K2.Kafka.Diagnostics;

/// <summary>Names under which K2.Kafka reports metrics; add <see cref="MeterName"/> to the OpenTelemetry meters.</summary>
public static class KafkaTelemetry
{
    public const string MeterName = "K2.Kafka";

    public const string RecordsDelivered = "k2.kafka.producer.records.delivered";

    public const string RecordsFailed = "k2.kafka.producer.records.failed";

    /// <summary>Times a publisher found librdkafka's bounded queue full and waited (back-pressure).</summary>
    public const string QueueFullWaits = "k2.kafka.producer.queue_full.waits";

    /// <summary>Records a consumer group member has not committed yet, per partition it owns (librdkafka statistics).</summary>
    public const string ConsumerLag = "k2.kafka.consumer.lag";

    public const string ClientTag = "k2.kafka.client";

    public const string TopicTag = "topic";

    public const string PartitionTag = "partition";
}

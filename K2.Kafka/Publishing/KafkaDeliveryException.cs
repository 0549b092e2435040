using Confluent.Kafka;

namespace K2.Kafka.Publishing;

/// <summary>
/// Kafka did not accept or acknowledge a record. Thrown by a publish or flush after an earlier record's delivery
/// failed: from then on the publisher refuses records, because those queued behind the failed one would break the
/// per-key order. Recreate the publisher and resume from the last position whose flush succeeded.
/// </summary>
public sealed class KafkaDeliveryException : Exception
{
    public KafkaDeliveryException()
        : this("Kafka delivery failed.")
    {
    }

    public KafkaDeliveryException(string message)
        : base(message)
    {
    }

    public KafkaDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KafkaDeliveryException(Error error, TopicPartition? topicPartition, Exception? innerException = null)
        : base(Describe(error, topicPartition), innerException)
    {
        ArgumentNullException.ThrowIfNull(error);
        Code = error.Code;
        IsFatal = error.IsFatal;
        TopicPartition = topicPartition;
    }

    public ErrorCode Code { get; } = ErrorCode.Unknown;

    /// <summary>librdkafka reported a fatal error (e.g. an idempotence violation): the client cannot continue.</summary>
    public bool IsFatal { get; }

    /// <summary>Where the failed record was going, when known.</summary>
    public TopicPartition? TopicPartition { get; }

    private static string Describe(Error error, TopicPartition? topicPartition) =>
        topicPartition is null
            ? $"Kafka producer failed: {error.Reason} ({error.Code})."
            : $"Kafka did not acknowledge a record for {topicPartition}: {error.Reason} ({error.Code}).";
}

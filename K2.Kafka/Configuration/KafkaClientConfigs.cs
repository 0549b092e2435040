using Confluent.Kafka;

namespace K2.Kafka.Configuration;

/// <summary>
/// Turns <see cref="KafkaOptions"/> into librdkafka client configurations. The guarantees (idempotence, acks=all,
/// manual commits, read_committed, KIP-848 groups) are set here and nowhere else.
/// </summary>
public static class KafkaClientConfigs
{
    /// <summary>
    /// Java clients hash keys with murmur2; librdkafka's default is CRC32. Using murmur2 keeps symbol-to-partition
    /// mapping identical to any JVM producer writing to the same topics.
    /// </summary>
    private const Partitioner KeyPartitioner = Partitioner.Murmur2Random;

    /// <summary>
    /// The producer only needs each delivery's outcome; not marshalling key, value and headers back into managed
    /// memory saves an allocation per record.
    /// </summary>
    private const string DeliveryReportFields = "none";

    public static ProducerConfig Producer(KafkaOptions options, string purpose)
    {
        ArgumentNullException.ThrowIfNull(options);
        var producer = options.Producer;
        return new ProducerConfig(WithClientProperties(options))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = ClientId(options, purpose),
            EnableIdempotence = true,
            Acks = Acks.All,
            CompressionType = producer.Compression switch
            {
                KafkaCompression.Zstd => CompressionType.Zstd,
                _ => CompressionType.Lz4,
            },
            LingerMs = producer.LingerMs,
            BatchSize = producer.BatchSizeBytes,
            QueueBufferingMaxMessages = producer.QueueBufferingMaxMessages,
            QueueBufferingMaxKbytes = producer.QueueBufferingMaxKbytes,
            MessageTimeoutMs = producer.MessageTimeoutMs,
            MessageSendMaxRetries = producer.MessageSendMaxRetries,
            RetryBackoffMs = producer.RetryBackoffMs,
            RetryBackoffMaxMs = producer.RetryBackoffMaxMs,
            Partitioner = KeyPartitioner,
            EnableDeliveryReports = true,
            DeliveryReportFields = DeliveryReportFields,
        };
    }

    public static ConsumerConfig Consumer(KafkaOptions options, string groupId, string purpose)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(groupId);
        var consumer = options.Consumer;
        return new ConsumerConfig(WithClientProperties(options))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = ClientId(options, purpose),
            GroupId = groupId,
            // KIP-848: a restarted member rejoins in milliseconds instead of waiting out the old member's session.
            GroupProtocol = GroupProtocol.Consumer,
            // Offsets are committed only after the records are durably processed, never by a timer.
            EnableAutoCommit = false,
            EnableAutoOffsetStore = false,
            IsolationLevel = IsolationLevel.ReadCommitted,
            AutoOffsetReset = consumer.AutoOffsetReset,
            FetchMinBytes = consumer.FetchMinBytes,
            FetchWaitMaxMs = consumer.FetchWaitMaxMs,
            MaxPartitionFetchBytes = consumer.MaxPartitionFetchBytes,
            FetchMaxBytes = consumer.FetchMaxBytes,
            QueuedMaxMessagesKbytes = consumer.QueuedMaxMessagesKbytes,
            StatisticsIntervalMs = consumer.StatisticsIntervalMs,
        };
    }

    public static AdminClientConfig Admin(KafkaOptions options, string purpose)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new AdminClientConfig(WithClientProperties(options))
        {
            BootstrapServers = options.BootstrapServers,
            ClientId = ClientId(options, purpose),
        };
    }

    private static string ClientId(KafkaOptions options, string purpose) => $"{options.ClientId}-{purpose}";

    private static Dictionary<string, string> WithClientProperties(KafkaOptions options) =>
        new(options.ClientProperties, StringComparer.Ordinal);
}

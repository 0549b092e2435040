using Confluent.Kafka;
using K2.Kafka.Configuration;
using Microsoft.Extensions.Options;

namespace K2.Kafka.Topics;

/// <summary>
/// How many records a topic holds now (the sum over its partitions of high minus low watermark). Reads metadata and
/// watermarks only: it joins no group, consumes nothing and commits nothing.
/// </summary>
public sealed class TopicRecordCounter(IOptions<KafkaOptions> options)
{
    /// <summary>Client id suffix: <c>&lt;ClientId&gt;-topic-counter</c>.</summary>
    public const string ClientPurpose = "topic-counter";

    /// <summary>The records in <paramref name="topic"/>; zero when the topic does not exist.</summary>
    public Task<long> CountAsync(string topic, CancellationToken cancellationToken)
    {
        KafkaTopics.ThrowIfInvalidName(topic);
        // librdkafka's metadata and watermark calls block; keep them off the caller's thread.
        return Task.Run(() => Count(topic), cancellationToken);
    }

    private long Count(string topic)
    {
        var kafka = options.Value;
        var timeout = TimeSpan.FromMilliseconds(kafka.Admin.OperationTimeoutMs);
        int partitions;
        using (var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(kafka, ClientPurpose)).Build())
        {
            if (!ClusterTopics.ExistingTopics(admin, timeout).TryGetValue(topic, out partitions))
            {
                return 0;
            }
        }

        // A group id is required by the client; watermark queries never join it.
        using var consumer = new ConsumerBuilder<byte[], byte[]>(
            KafkaClientConfigs.Consumer(kafka, $"{kafka.ClientId}-{ClientPurpose}", ClientPurpose)).Build();
        return Enumerable.Range(0, partitions)
            .Select(partition => consumer.QueryWatermarkOffsets(new TopicPartition(topic, partition), timeout))
            .Sum(watermarks => watermarks.High.Value - watermarks.Low.Value);
    }
}

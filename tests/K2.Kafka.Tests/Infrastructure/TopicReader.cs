using Confluent.Kafka;

namespace K2.Kafka.Tests.Infrastructure;

/// <summary>Reads a topic back from the beginning with an independent, group-less consumer.</summary>
internal sealed class TopicReader(string bootstrapServers)
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Reads until <paramref name="count"/> records have arrived (in partition order within each partition).</summary>
    public Task<List<ConsumeResult<byte[]?, byte[]?>>> ReadAsync(string topic, int count) =>
        Task.Run(() =>
        {
            using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
            {
                BootstrapServers = bootstrapServers,
                GroupId = "k2-test-reader",
                EnableAutoCommit = false,
            }).Build();
            consumer.Assign(Partitions(topic).Select(partition => new TopicPartitionOffset(partition, Offset.Beginning)));
            var records = new List<ConsumeResult<byte[]?, byte[]?>>(count);
            using var guard = new CancellationTokenSource(Eventually.HangGuard);
            while (records.Count < count)
            {
                records.Add(consumer.Consume(guard.Token));
            }

            return records;
        });

    /// <summary>Records stored in the topic (sum of high minus low watermarks): catches duplicates and losses.</summary>
    public long Count(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = bootstrapServers,
            GroupId = "k2-test-counter",
        }).Build();
        return Partitions(topic)
            .Select(partition => consumer.QueryWatermarkOffsets(partition, MetadataTimeout))
            .Sum(watermarks => watermarks.High.Value - watermarks.Low.Value);
    }

    public Dictionary<string, int> PartitionCounts()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrapServers }).Build();
        return admin.GetMetadata(MetadataTimeout).Topics.ToDictionary(t => t.Topic, t => t.Partitions.Count);
    }

    private List<TopicPartition> Partitions(string topic) =>
        Enumerable.Range(0, PartitionCounts()[topic]).Select(partition => new TopicPartition(topic, partition)).ToList();
}

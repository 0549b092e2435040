using System.Text;
using Confluent.Kafka;
using K2.Kafka.Configuration;
using K2.Kafka.Topics;
using Microsoft.Extensions.Options;

namespace K2.Kafka.Consuming;

/// <summary>
/// The identity of the Kafka log K2 is connected to. Offsets only mean something within one log: a recreated local
/// broker or a migrated cluster starts again at 0, so positions recorded elsewhere (the lakehouse's snapshot
/// summaries, grain state) are scoped by this id. It is the first record of <see cref="KafkaTopics.ClusterIdentity"/>
/// (written by whichever K2 process gets there first), which works on any Kafka: the broker's own cluster id is not
/// served by every Kafka-protocol implementation (librdkafka's mock has no DescribeCluster).
/// </summary>
public sealed class KafkaClusterIdentity(IOptions<KafkaOptions> options)
{
    public const string ClientPurpose = "identity";

    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private static readonly TopicPartitionOffset First = new(KafkaTopics.ClusterIdentity, 0, Offset.Beginning);

    public async Task<string> ReadAsync(CancellationToken cancellationToken)
    {
        if (await Task.Run(() => ReadFirst(TimeSpan.Zero), cancellationToken) is { } existing)
        {
            return existing;
        }

        // Concurrent first starts may both write; every reader takes the first record, so all agree.
        using (var producer = new ProducerBuilder<byte[]?, byte[]>(KafkaClientConfigs.Producer(options.Value, ClientPurpose)).Build())
        {
            await producer.ProduceAsync(First.TopicPartition, new Message<byte[]?, byte[]> { Value = Encoding.UTF8.GetBytes(Guid.NewGuid().ToString("N")) }, cancellationToken);
        }

        return await Task.Run(() => ReadFirst(ReadTimeout), cancellationToken)
            ?? throw new InvalidOperationException($"No record could be read back from {KafkaTopics.ClusterIdentity} at {options.Value.BootstrapServers}.");
    }

    private string? ReadFirst(TimeSpan patience)
    {
        var config = KafkaClientConfigs.Consumer(options.Value, "k2-identity-reader", ClientPurpose);
        config.EnablePartitionEof = true;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Assign(First);
        var deadline = DateTime.UtcNow + ReadTimeout + patience;
        while (DateTime.UtcNow < deadline)
        {
            var record = consumer.Consume(PollInterval);
            if (record is null)
            {
                continue;
            }

            if (record.IsPartitionEOF)
            {
                if (patience == TimeSpan.Zero)
                {
                    return null;
                }

                continue;
            }

            return record.Message.Value is { Length: > 0 } value ? Encoding.UTF8.GetString(value) : null;
        }

        return null;
    }
}

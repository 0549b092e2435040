using Confluent.Kafka;
using K2.Kafka.Broker;
using K2.Kafka.Topics;

namespace K2.Kafka.Tests.Broker;

public sealed class LocalKafkaBrokerTests
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Starts_brokers_that_answer_metadata_with_the_requested_topics()
    {
        using var broker = new LocalKafkaBroker();

        var bootstrap = await broker.StartAsync(3, [new KafkaTopicSpec("t.one", 7), new KafkaTopicSpec("t.two", 1)]);

        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = bootstrap }).Build();
        var metadata = admin.GetMetadata(MetadataTimeout);
        Assert.Equal(3, metadata.Brokers.Count);
        Assert.Equal(3, bootstrap.Split(',').Length);
        Assert.Equal(7, metadata.Topics.Single(t => t.Topic == "t.one").Partitions.Count);
        Assert.Single(metadata.Topics.Single(t => t.Topic == "t.two").Partitions);
    }
}

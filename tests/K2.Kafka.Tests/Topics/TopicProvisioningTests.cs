using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.Tests.Infrastructure;
using K2.Kafka.Topics;
using Microsoft.Extensions.Logging.Abstractions;

namespace K2.Kafka.Tests.Topics;

public sealed class TopicProvisioningTests
{
    [Fact]
    public async Task The_local_broker_gets_every_k2_topic_with_its_configured_partitions_once()
    {
        using var broker = new LocalKafkaBroker();
        var bootstrap = await broker.StartAsync(1, []);
        var catalog = KafkaTopicCatalog.Create(new KafkaTopicOptions());
        var provisioner = new LocalBrokerTopicProvisioner(broker);

        var first = await provisioner.EnsureTopicsAsync(catalog, CancellationToken.None);
        var second = await provisioner.EnsureTopicsAsync(catalog, CancellationToken.None);

        var partitions = new TopicReader(bootstrap).PartitionCounts();
        Assert.Equal(40, partitions[KafkaTopics.BinanceTrades]);
        Assert.Equal(30, partitions[KafkaTopics.AsxTrades]);
        Assert.Equal(30, partitions[KafkaTopics.AsxQuotes]);
        Assert.Equal(1, partitions[KafkaTopics.ControlGaps]);
        Assert.Equal(1, partitions["k2.dlq.binance"]);
        Assert.Equal(1, partitions["k2.dlq.asx"]);
        Assert.Equal(1, partitions["k2.dlq.silo"]);
        Assert.Equal(catalog.Select(topic => topic.Name), first.Created);
        Assert.Empty(first.AlreadyPresent);
        Assert.Empty(second.Created);
        Assert.Equal(catalog.Select(topic => topic.Name), second.AlreadyPresent);
    }

    [Fact]
    public async Task The_admin_provisioner_accepts_topics_that_already_exist()
    {
        using var cluster = await KafkaTestCluster.StartAsync();
        var provisioner = new AdminClientTopicProvisioner(cluster.Wrapped, NullLogger<AdminClientTopicProvisioner>.Instance);
        var catalog = KafkaTopicCatalog.Create(cluster.Options.Topics);

        var result = await provisioner.EnsureTopicsAsync(catalog, CancellationToken.None);

        Assert.Empty(result.Created);
        Assert.Equal(catalog.Select(topic => topic.Name).Order(), result.AlreadyPresent.Order());
    }

    [Fact]
    public async Task The_admin_provisioner_reports_clearly_when_the_broker_cannot_create_topics()
    {
        // The local broker does not implement CreateTopics (the client waits for a controller it never finds): the
        // failure must name the topic, not vanish. A shorter operation timeout only makes the certain failure quicker.
        using var cluster = await KafkaTestCluster.StartAsync(options => options.Admin.OperationTimeoutMs = 5_000);
        var provisioner = new AdminClientTopicProvisioner(cluster.Wrapped, NullLogger<AdminClientTopicProvisioner>.Instance);

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(
            () => provisioner.EnsureTopicsAsync([new KafkaTopicSpec("k2.not.there", 3)], CancellationToken.None));

        Assert.Contains("k2.not.there", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("k2.not.there", cluster.Reader.PartitionCounts().Keys);
    }

    [Fact]
    public void Dead_letter_sources_from_configuration_replace_the_defaults()
    {
        var catalog = KafkaTopicCatalog.Create(new KafkaTopicOptions { DeadLetterSources = ["binance", "lakehouse"] });

        Assert.Equal(
            ["k2.dlq.binance", "k2.dlq.lakehouse"],
            catalog.Select(topic => topic.Name).Where(name => name.StartsWith(KafkaTopics.DeadLetterPrefix, StringComparison.Ordinal)));
    }
}

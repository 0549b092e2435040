using K2.Kafka.Hosting;
using K2.Kafka.Tests.Infrastructure;
using K2.Kafka.Topics;
using Microsoft.Extensions.Configuration;

namespace K2.Kafka.Tests.Hosting;

public sealed class LocalKafkaHostingTests
{
    [Fact]
    public void A_configured_cluster_is_used_as_is_and_no_local_broker_is_started()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:kafka"] = "kafka.prod:9092" })
            .Build();

        Assert.Equal("kafka.prod:9092", LocalKafkaHosting.UseConfiguredOrLocalBroker(configuration));
    }

    [Fact]
    public void Without_a_configured_cluster_the_process_wide_local_broker_starts_with_every_k2_topic()
    {
        // The only test that starts the process-wide broker: it lives until the test process exits, as in an AppHost.
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["K2:Kafka:Topics:BinanceTradePartitions"] = "8" })
            .Build();

        var bootstrap = LocalKafkaHosting.UseConfiguredOrLocalBroker(configuration);

        Assert.Equal(bootstrap, configuration.GetConnectionString("kafka"));
        var partitions = new TopicReader(bootstrap).PartitionCounts();
        Assert.Equal(8, partitions[KafkaTopics.BinanceTrades]);
        Assert.Equal(30, partitions[KafkaTopics.AsxQuotes]);
        Assert.Contains(KafkaTopics.ControlGaps, partitions.Keys);
        Assert.Contains(KafkaTopics.DeadLetter("silo"), partitions.Keys);
    }
}

using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.Consuming;
using K2.Kafka.Topics;

namespace K2.Kafka.Tests.Consuming;

public sealed class KafkaClusterIdentityTests
{
    [Fact]
    public async Task Two_brokers_report_different_ids_and_one_broker_the_same_id_twice()
    {
        using var first = new LocalKafkaBroker();
        using var second = new LocalKafkaBroker();
        var firstId = await Read(await first.StartAsync(1, KafkaTopicCatalog.Create(new KafkaTopicOptions())));
        var secondId = await Read(await second.StartAsync(1, KafkaTopicCatalog.Create(new KafkaTopicOptions())));

        Assert.False(string.IsNullOrEmpty(firstId));
        Assert.NotEqual(firstId, secondId);
        Assert.Equal(firstId, await Read(first.BootstrapServers));
    }

    private static Task<string> Read(string bootstrap) =>
        new KafkaClusterIdentity(Microsoft.Extensions.Options.Options.Create(new KafkaOptions { BootstrapServers = bootstrap, ClientId = "t" }))
            .ReadAsync(CancellationToken.None);
}

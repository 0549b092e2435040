using K2.Kafka.Configuration;
using K2.Kafka.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace K2.Kafka.Tests.Configuration;

public sealed class KafkaOptionsTests
{
    [Fact]
    public void Binds_the_bootstrap_servers_from_the_connection_string_and_the_rest_from_the_k2_kafka_section()
    {
        var options = Resolve(new()
        {
            ["ConnectionStrings:kafka"] = "broker-1:9092,broker-2:9092",
            ["K2:Kafka:ClientId"] = "k2-ingestion",
            ["K2:Kafka:Topics:BinanceTradePartitions"] = "64",
            ["K2:Kafka:Topics:DeadLetterSources:0"] = "binance",
            ["K2:Kafka:Producer:Compression"] = "Zstd",
            ["K2:Kafka:Producer:QueueBufferingMaxMessages"] = "5000",
            ["K2:Kafka:Consumer:FetchWaitMaxMs"] = "20",
        });

        Assert.Equal("broker-1:9092,broker-2:9092", options.BootstrapServers);
        Assert.Equal("k2-ingestion", options.ClientId);
        Assert.Equal(64, options.Topics.BinanceTradePartitions);
        Assert.Equal(["binance"], options.Topics.EffectiveDeadLetterSources);
        Assert.Equal(KafkaCompression.Zstd, options.Producer.Compression);
        Assert.Equal(5000, options.Producer.QueueBufferingMaxMessages);
        Assert.Equal(20, options.Consumer.FetchWaitMaxMs);
        Assert.Equal(30, options.Topics.AsxTradePartitions);
    }

    [Fact]
    public void A_missing_connection_string_fails_validation_with_a_message_naming_it()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Resolve([]));

        Assert.Contains(failure.Failures, message => message.Contains("ConnectionStrings:kafka", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("K2:Kafka:Producer:LingerMs", "-1")]
    [InlineData("K2:Kafka:Topics:AsxQuotePartitions", "0")]
    [InlineData("K2:Kafka:Consumer:FetchMinBytes", "0")]
    [InlineData("K2:Kafka:Admin:OperationTimeoutMs", "0")]
    [InlineData("K2:Kafka:Producer:QueueFullInitialBackoffMs", "500")]
    [InlineData("K2:Kafka:Producer:MessageTimeoutMs", "5")]
    [InlineData("K2:Kafka:Producer:QueueBufferingMaxKbytes", "16")]
    [InlineData("K2:Kafka:Topics:ReplicationFactor", "0")]
    [InlineData("K2:Kafka:Topics:DeadLetterSources:0", "Not A Source")]
    public void Out_of_range_or_inconsistent_settings_fail_validation(string key, string value)
    {
        Assert.Throws<OptionsValidationException>(() => Resolve(new()
        {
            ["ConnectionStrings:kafka"] = "localhost:9092",
            [key] = value,
        }));
    }

    private static KafkaOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddK2Kafka(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<KafkaOptions>>().Value;
    }
}

using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.Publishing;
using K2.Kafka.Topics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace K2.Kafka.Tests.Infrastructure;

/// <summary>A fresh in-memory broker per test with every K2 topic, and valid options pointing at it.</summary>
internal sealed class KafkaTestCluster : IDisposable
{
    private KafkaTestCluster(LocalKafkaBroker broker, KafkaOptions options)
    {
        Broker = broker;
        Options = options;
        Reader = new TopicReader(options.BootstrapServers);
    }

    public LocalKafkaBroker Broker { get; }

    public KafkaOptions Options { get; }

    public IOptions<KafkaOptions> Wrapped => Microsoft.Extensions.Options.Options.Create(Options);

    public TopicReader Reader { get; }

    public static async Task<KafkaTestCluster> StartAsync(Action<KafkaOptions>? configure = null, int brokerCount = 1)
    {
        var options = new KafkaOptions { ClientId = "k2-test" };
        configure?.Invoke(options);
        var broker = new LocalKafkaBroker();
        try
        {
            options.BootstrapServers = await broker.StartAsync(brokerCount, KafkaTopicCatalog.Create(options.Topics));
            ThrowIfInvalid(options);
            return new KafkaTestCluster(broker, options);
        }
        catch
        {
            broker.Dispose();
            throw;
        }
    }

    public KafkaMarketDataPublisher CreatePublisher() =>
        new(Wrapped, TestSerializers.Trades, TestSerializers.Quotes, NullLogger<KafkaMarketDataPublisher>.Instance);

    public KafkaDeadLetterPublisher CreateDeadLetterPublisher() =>
        new(Wrapped, NullLogger<KafkaDeadLetterPublisher>.Instance);

    public void Dispose() => Broker.Dispose();

    private static void ThrowIfInvalid(KafkaOptions options)
    {
        foreach (var validator in new IValidateOptions<KafkaOptions>[] { new KafkaOptionsValidator(), new KafkaOptionsConsistencyValidator() })
        {
            var result = validator.Validate(null, options);
            if (result.Failed)
            {
                throw new OptionsValidationException(KafkaOptions.SectionName, typeof(KafkaOptions), result.Failures);
            }
        }
    }
}

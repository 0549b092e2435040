using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.Topics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace K2.Kafka.Hosting;

/// <summary>
/// What the Aspire AppHost needs to give a local run a Kafka: the in-memory <see cref="LocalKafkaBroker"/> (tests and
/// local development only, never production) started in the AppHost's own process, which lives for the whole run,
/// with its bootstrap servers handed to every resource as <c>ConnectionStrings:kafka</c>.
/// </summary>
public static class LocalKafkaHosting
{
    private static readonly string ConnectionStringKey = $"ConnectionStrings:{KafkaOptions.ConnectionStringName}";

    /// <summary>
    /// Returns <c>ConnectionStrings:kafka</c> when it is configured (a real cluster). Otherwise starts the local
    /// in-memory broker, writes its bootstrap servers to <c>ConnectionStrings:kafka</c> in
    /// <paramref name="configuration"/> (so <c>builder.AddConnectionString("kafka")</c> finds them) and returns them.
    /// </summary>
    public static string UseConfiguredOrLocalBroker(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.GetConnectionString(KafkaOptions.ConnectionStringName) is { Length: > 0 } configured)
        {
            return configured;
        }

        var bootstrap = StartLocalBroker(configuration);
        configuration[ConnectionStringKey] = bootstrap;
        return bootstrap;
    }

    /// <summary>
    /// Starts the in-memory broker for the rest of this process with every K2 topic, partition counts from
    /// <c>K2:Kafka:Topics</c> and broker count from <c>K2:Kafka:LocalBroker</c>; returns its bootstrap servers.
    /// </summary>
    public static string StartLocalBroker(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = new KafkaOptions();
        configuration.GetSection(KafkaOptions.SectionName).Bind(options);
        ThrowIfInvalid(new KafkaTopicOptionsValidator().Validate(null, options.Topics));
        ThrowIfInvalid(new LocalKafkaBrokerOptionsValidator().Validate(null, options.LocalBroker));
        return LocalKafkaBroker.Start(options.LocalBroker.BrokerCount, KafkaTopicCatalog.Create(options.Topics));
    }

    private static void ThrowIfInvalid(ValidateOptionsResult result)
    {
        if (result.Failed)
        {
            throw new OptionsValidationException(KafkaOptions.SectionName, typeof(KafkaOptions), result.Failures);
        }
    }
}

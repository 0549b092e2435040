using K2.Contracts.Model;
using K2.Kafka.Configuration;
using K2.Kafka.Consuming;
using K2.Kafka.DeadLetters;
using K2.Kafka.Diagnostics;
using K2.Kafka.Publishing;
using K2.Kafka.Serialization;
using K2.Kafka.Topics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace K2.Kafka.Hosting;

public static class KafkaServiceCollectionExtensions
{
    /// <summary>
    /// K2's Kafka services: <see cref="KafkaOptions"/> (from <c>K2:Kafka</c> and <c>ConnectionStrings:kafka</c>,
    /// validated at start), topic provisioning at start, <see cref="IMarketDataPublisher"/>,
    /// <see cref="IDeadLetterPublisher"/>, <see cref="KafkaConsumerFactory"/>, and the dead-letter reader and replayer.
    /// Values are Avro single-object messages unless other <see cref="IRecordSerializer{T}"/>s are registered first.
    /// </summary>
    public static IServiceCollection AddK2Kafka(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<KafkaOptions>()
            .Bind(configuration.GetSection(KafkaOptions.SectionName))
            .Configure(options =>
            {
                if (configuration.GetConnectionString(KafkaOptions.ConnectionStringName) is { Length: > 0 } bootstrap)
                {
                    options.BootstrapServers = bootstrap;
                }
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaOptions>, KafkaOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<KafkaOptions>, KafkaOptionsConsistencyValidator>());

        services.TryAddSingleton<IRecordSerializer<Trade>, AvroTradeSerializer>();
        services.TryAddSingleton<IRecordSerializer<Quote>, AvroQuoteSerializer>();

        services.TryAddSingleton<IKafkaTopicProvisioner, AdminClientTopicProvisioner>();
        services.AddHostedService<KafkaTopicProvisioningService>();

        services.TryAddSingleton<KafkaMarketDataPublisher>();
        services.TryAddSingleton<IMarketDataPublisher>(provider => provider.GetRequiredService<KafkaMarketDataPublisher>());
        services.TryAddSingleton<KafkaDeadLetterPublisher>();
        services.TryAddSingleton<IDeadLetterPublisher>(provider => provider.GetRequiredService<KafkaDeadLetterPublisher>());

        services.AddMetrics();
        services.TryAddSingleton<ConsumerLagMetrics>();
        services.TryAddSingleton<KafkaConsumerFactory>();
        services.TryAddSingleton<DeadLetterReader>();
        services.TryAddSingleton<DeadLetterReplayer>();
        services.TryAddSingleton<TopicRecordCounter>();
        return services;
    }
}

using K2.Kafka.Configuration;
using K2.Kafka.Hosting;
using K2.Silo.Ingest;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace K2.Silo.Hosting;

public static class MarketDataConsumerExtensions
{
    /// <summary>
    /// The silo's Kafka consumer (<see cref="MarketDataConsumer"/>) with K2's Kafka services and
    /// <see cref="IngestOptions"/>, validated at start. Without <c>ConnectionStrings:kafka</c> nothing is registered
    /// but a warning at start: a silo can serve grains without Kafka (tests, a query-only node).
    /// </summary>
    public static IServiceCollection AddK2MarketDataConsumer(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration.GetConnectionString(KafkaOptions.ConnectionStringName)))
        {
            services.AddHostedService<ConsumerDisabledNotice>();
            return services;
        }

        services.AddK2Kafka(configuration);
        services.AddOptions<IngestOptions>()
            .Bind(configuration.GetSection(IngestOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.RetryInitialBackoff <= o.RetryMaxBackoff, "K2:Ingest:RetryInitialBackoff must not exceed RetryMaxBackoff.")
            .ValidateOnStart();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SiloStartedSignal>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<SiloStartedSignal>());
        services.TryAddSingleton<IngestMetrics>();
        services.TryAddSingleton<GapRequestPublisher>();
        services.TryAddSingleton<BatchProcessor>();
        services.AddHostedService<MarketDataConsumer>();
        return services;
    }
}

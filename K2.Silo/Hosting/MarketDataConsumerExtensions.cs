using K2.Kafka.Configuration;
using K2.Kafka.Consuming;
using K2.Kafka.Hosting;
using K2.Lakehouse.Configuration;
using K2.Silo.Flush;
using K2.Silo.HotWindow;
using K2.Silo.Ingest;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace K2.Silo.Hosting;

public static class MarketDataConsumerExtensions
{
    /// <summary>
    /// The silo's Kafka consumer (<see cref="MarketDataConsumer"/>) with K2's Kafka services, the lakehouse it flushes
    /// to (catalog in the K2 database, warehouse from <c>K2:Lakehouse</c>), <see cref="IngestOptions"/> and
    /// <see cref="FlushOptions"/>, validated at start. Without <c>ConnectionStrings:kafka</c> nothing is registered
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
        services.AddOptions<FlushOptions>()
            .Bind(configuration.GetSection(FlushOptions.SectionName))
            .ValidateDataAnnotations()
            // Back-pressure, not eviction: the consumer's buffers (one committing in the background, one filling, plus a
            // poll batch) must fill before any grain's last-resort bound on unflushed trades, or the query path would
            // lose sight of trades.
            .Validate<IOptions<HotWindowOptions>, IOptions<IngestOptions>>(
                (flush, hot, ingest) => hot.Value.MaxUnflushedTrades >= (2L * flush.MaxTrades) + ingest.Value.MaxBatchMessages,
                "K2:HotWindow:MaxUnflushedTrades must be at least 2 × K2:Flush:MaxTrades + K2:Ingest:MaxBatchMessages (one buffer commits while the next fills).")
            .ValidateOnStart();
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(configuration.GetK2DatabaseConnectionString()));
        services.AddK2Lakehouse(configuration);
        services.TryAddSingleton<LakehouseTradeFlusher>();
        services.TryAddSingleton<LakehouseQuoteFlusher>();
        services.TryAddSingleton<LakehouseOffsets>();
        services.TryAddSingleton<KafkaClusterIdentity>();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SiloStartedSignal>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(provider => provider.GetRequiredService<SiloStartedSignal>());
        services.TryAddSingleton<IngestMetrics>();
        services.TryAddSingleton<IngestBackPressure>();
        services.AddHealthChecks().AddCheck<IngestHealthCheck>(IngestHealthCheck.Name);
        services.TryAddSingleton<GapRequestPublisher>();
        services.TryAddSingleton<BatchProcessor>();
        services.AddHostedService<MarketDataConsumer>();
        return services;
    }
}

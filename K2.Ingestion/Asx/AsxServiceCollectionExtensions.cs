using K2.Ingestion.Asx.Cli;
using K2.Ingestion.Asx.Loading;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace K2.Ingestion.Asx;

public static class AsxServiceCollectionExtensions
{
    /// <summary>
    /// The ASX batch loader, its console runner and their options, validated at start. Publishers are not registered
    /// here: the loader publishes through whatever <see cref="K2.Kafka.Publishing.IMarketDataPublisher"/> and
    /// <see cref="K2.Kafka.Publishing.IDeadLetterPublisher"/> the host registers.
    /// </summary>
    public static IServiceCollection AddAsxBatchLoader(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AsxLoaderOptions>()
            .Bind(configuration.GetSection(AsxLoaderOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(options => TimeZoneInfo.TryFindSystemTimeZoneById(options.TimeZone, out _), $"{AsxLoaderOptions.SectionName}:TimeZone names a time zone this machine does not know.")
            .ValidateOnStart();
        services.AddOptions<AsxConsoleOptions>()
            .Bind(configuration.GetSection(AsxConsoleOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(options => options.RefreshInterval > TimeSpan.Zero && options.LogInterval > TimeSpan.Zero, $"{AsxConsoleOptions.SectionName} intervals must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<AsxBatchLoader>();
        services.AddTransient<AsxLoadRunner>();
        return services;
    }
}

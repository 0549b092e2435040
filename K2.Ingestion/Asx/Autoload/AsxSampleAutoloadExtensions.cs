using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.Asx.Autoload;

public static class AsxSampleAutoloadExtensions
{
    /// <summary>
    /// The one-time ASX sample publish at start (<c>K2:Asx:Autoload</c>), validated at start. Does nothing unless
    /// <c>Directory</c> is configured. Needs the Kafka publishers and <see cref="K2.Kafka.Topics.TopicRecordCounter"/>
    /// (<c>AddK2Kafka</c>).
    /// </summary>
    public static TBuilder AddAsxSampleAutoload<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AsxSampleAutoloadOptions>()
            .Bind(builder.Configuration.GetSection(AsxSampleAutoloadOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AsxSampleAutoloadOptions>, AsxSampleAutoloadOptionsValidator>());
        services.AddAsxBatchLoader(builder.Configuration);
        services.TryAddSingleton<AsxSampleAutoloadService>();
        services.AddHostedService(provider => provider.GetRequiredService<AsxSampleAutoloadService>());
        return builder;
    }
}

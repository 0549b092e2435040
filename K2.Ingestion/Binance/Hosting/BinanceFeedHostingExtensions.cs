using K2.Ingestion.Binance.Configuration;
using K2.Ingestion.Binance.Diagnostics;
using K2.Ingestion.Binance.GapRepair;
using K2.Ingestion.Binance.Parsing;
using K2.Ingestion.Binance.Streaming;
using K2.Kafka.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace K2.Ingestion.Binance.Hosting;

public static class BinanceFeedHostingExtensions
{
    /// <summary>The name of the HTTP client gap repair uses (for extra configuration by the host).</summary>
    public const string RestClientName = "binance-rest";

    private const string ApiKeyHeader = "X-MBX-APIKEY";

    /// <summary>
    /// The Binance live trade feed (a hosted service) and <see cref="BinanceGapRepairer"/>, configured from
    /// <c>K2:Binance</c> and validated at start. The host must also register <c>IMarketDataPublisher</c> and
    /// <c>IDeadLetterPublisher</c> (the Kafka publishers).
    /// </summary>
    public static TBuilder AddBinanceFeed<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddBinanceParsing();
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.TryAddSingleton<BinanceFeedMetrics>();
        services.TryAddSingleton<BinanceRestRateLimiter>();

        // RemoveAllResilienceHandlers is marked experimental (EXTEXP0001) but is the supported way to opt one client
        // out of ConfigureHttpClientDefaults.
#pragma warning disable EXTEXP0001
        services.AddHttpClient<BinanceGapRepairer>(RestClientName, (provider, http) =>
            {
                var options = provider.GetRequiredService<IOptions<BinanceFeedOptions>>().Value;
                http.BaseAddress = options.RestBaseUrl;
                http.Timeout = options.GapRepair.RequestTimeout;
                if (!string.IsNullOrWhiteSpace(options.GapRepair.ApiKey))
                {
                    http.DefaultRequestHeaders.Add(ApiKeyHeader, options.GapRepair.ApiKey);
                }
            })

            // The repairer owns retries and pacing (token bucket, Retry-After, 418 bans); the service defaults'
            // standard resilience handler would retry 429s on its own and spend the IP's weight budget twice.
            .RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001

        services.TryAddSingleton<BinanceWebSocketFeed>();
        services.AddHostedService(provider => provider.GetRequiredService<BinanceWebSocketFeed>());

        // Gap reports arrive through Kafka; without a configured cluster there is nobody to hear them.
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(KafkaOptions.ConnectionStringName)))
        {
            services.AddHostedService<GapRequestConsumer>();
        }

        return builder;
    }

    /// <summary>
    /// <see cref="BinanceTradeParser"/> and the <c>K2:Binance</c> options it depends on (symbols, quote assets),
    /// validated at start, without the feed: for tools that parse frames, such as the dead-letter replay.
    /// </summary>
    public static TBuilder AddBinanceParsing<TBuilder>(this TBuilder builder)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BinanceFeedOptions>()
            .Bind(builder.Configuration.GetSection(BinanceFeedOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<BinanceFeedOptions>, BinanceFeedOptionsDefaults>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<BinanceFeedOptions>, BinanceFeedOptionsValidator>());
        services.TryAddSingleton(provider =>
            BinanceSymbolResolver.FromOptions(provider.GetRequiredService<IOptions<BinanceFeedOptions>>().Value));
        services.TryAddSingleton<BinanceTradeParser>();
        return builder;
    }
}

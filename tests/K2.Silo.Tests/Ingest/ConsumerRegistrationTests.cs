using K2.Silo.Hosting;
using K2.Silo.Ingest;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace K2.Silo.Tests.Ingest;

public sealed class ConsumerRegistrationTests
{
    private static ServiceCollection Services(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging().AddK2MarketDataConsumer(configuration);
        return services;
    }

    private static ServiceProvider Provider(Dictionary<string, string?> settings) => Services(settings).BuildServiceProvider();

    private static bool RegistersConsumer(ServiceCollection services) =>
        services.Any(descriptor => descriptor.ServiceType == typeof(IHostedService) && descriptor.ImplementationType == typeof(MarketDataConsumer));

    [Fact]
    public void Without_a_kafka_connection_string_no_consumer_is_registered()
    {
        var services = Services([]);

        Assert.False(RegistersConsumer(services));
        using var provider = services.BuildServiceProvider();
        Assert.IsType<ConsumerDisabledNotice>(Assert.Single(provider.GetServices<IHostedService>()));
    }

    [Fact]
    public void Defaults_are_valid_and_name_the_shared_group()
    {
        var services = Services(new() { ["ConnectionStrings:kafka"] = "127.0.0.1:9092" });
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<IngestOptions>>().Value;

        Assert.Equal("k2-silo", options.GroupId);
        Assert.True(RegistersConsumer(services));
    }

    [Theory]
    [InlineData("K2:Ingest:MaxBatchMessages", "0")]
    [InlineData("K2:Ingest:GroupId", "has spaces")]
    [InlineData("K2:Ingest:MaxBatchWait", "00:00:00")]
    [InlineData("K2:Ingest:MaxBatchLinger", "00:00:00")]
    [InlineData("K2:Ingest:RetryInitialBackoff", "00:00:30")]
    public void Invalid_settings_fail_validation(string key, string value)
    {
        using var provider = Provider(new() { ["ConnectionStrings:kafka"] = "127.0.0.1:9092", [key] = value });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<IngestOptions>>().Value);
    }
}

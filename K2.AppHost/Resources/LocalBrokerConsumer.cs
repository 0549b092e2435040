using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using Microsoft.Extensions.Configuration;

namespace K2.AppHost.Resources;

/// <summary>
/// Consumer settings for a run on the in-memory local broker: its fetch wait (<see cref="LocalKafkaBroker.ConsumerFetchWaitMaxMs"/>),
/// so trades reach the hot path as soon as a real broker would deliver them. A configured cluster keeps K2's defaults.
/// </summary>
public static class LocalBrokerConsumer
{
    /// <summary>Binds <c>K2:Kafka:Consumer:FetchWaitMaxMs</c> in the consuming process.</summary>
    public const string FetchWaitEnvironmentVariable = "K2__Kafka__Consumer__FetchWaitMaxMs";

    /// <summary>Whether the run uses the local broker: no <c>ConnectionStrings:kafka</c> is configured. Ask before starting it.</summary>
    public static bool UsesLocalBroker(this IDistributedApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.Configuration.GetConnectionString(KafkaOptions.ConnectionStringName) is not { Length: > 0 };
    }

    public static IResourceBuilder<T> WithLocalBrokerConsumerSettings<T>(this IResourceBuilder<T> resource, bool localBroker)
        where T : IResourceWithEnvironment =>
        localBroker
            ? resource.WithEnvironment(FetchWaitEnvironmentVariable, LocalKafkaBroker.ConsumerFetchWaitMaxMs.ToString(System.Globalization.CultureInfo.InvariantCulture))
            : resource;
}

using Confluent.Kafka;
using K2.Kafka.Configuration;
using K2.Kafka.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2.Kafka.Consuming;

/// <summary>
/// Creates consumers with K2's fixed consumption rules: KIP-848 groups (<c>group.protocol=consumer</c>, so a restarted
/// member resumes from its committed offsets in milliseconds), no auto-commit and no auto offset store (store and
/// commit only what has been durably processed), <c>read_committed</c>, and fetch sizes from
/// <see cref="KafkaConsumerOptions"/>. Keys and values are raw bytes; decode values with an
/// <see cref="Serialization.IRecordSerializer{T}"/>.
/// </summary>
public sealed class KafkaConsumerFactory
{
    /// <summary>Client id suffix: <c>&lt;ClientId&gt;-consumer</c>.</summary>
    public const string ClientPurpose = "consumer";

    private readonly KafkaOptions _options;
    private readonly ILogger _logger;
    private readonly ConsumerLagMetrics? _lag;

    /// <param name="options">Bootstrap servers and consumer tuning.</param>
    /// <param name="logger">Receives librdkafka's log lines.</param>
    /// <param name="lag">Receives each consumer's statistics for the lag gauge; none, no gauge.</param>
    public KafkaConsumerFactory(IOptions<KafkaOptions> options, ILogger<KafkaConsumerFactory> logger, ConsumerLagMetrics? lag = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _lag = lag;
    }

    /// <summary>The configuration every K2 consumer of <paramref name="groupId"/> uses, for callers that build their own.</summary>
    public ConsumerConfig CreateConfig(string groupId) => KafkaClientConfigs.Consumer(_options, groupId, ClientPurpose);

    /// <summary>
    /// A builder with K2's configuration, librdkafka logging routed to the host's logger and its statistics to the
    /// lag gauge. Add partition assignment/revocation and error handlers as needed, then <c>Build()</c>.
    /// </summary>
    public ConsumerBuilder<byte[]?, byte[]?> CreateBuilder(string groupId)
    {
        var builder = new ConsumerBuilder<byte[]?, byte[]?>(CreateConfig(groupId))
            .SetLogHandler((_, message) => KafkaLog.Librdkafka(_logger, message));
        return _lag is null ? builder : builder.SetStatisticsHandler((_, json) => _lag.OnStatistics(json));
    }

    /// <summary>A ready consumer whose client errors are logged (librdkafka retries them itself).</summary>
    public IConsumer<byte[]?, byte[]?> Create(string groupId) =>
        CreateBuilder(groupId)
            .SetErrorHandler((consumer, error) =>
            {
                if (error.IsFatal)
                {
                    KafkaLog.FatalError(_logger, consumer.Name, error.Reason);
                }
                else
                {
                    KafkaLog.ClientError(_logger, consumer.Name, error.Reason);
                }
            })
            .Build();
}

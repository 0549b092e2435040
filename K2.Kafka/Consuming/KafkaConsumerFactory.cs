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

    public KafkaConsumerFactory(IOptions<KafkaOptions> options, ILogger<KafkaConsumerFactory> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The configuration every K2 consumer of <paramref name="groupId"/> uses, for callers that build their own.</summary>
    public ConsumerConfig CreateConfig(string groupId) => KafkaClientConfigs.Consumer(_options, groupId, ClientPurpose);

    /// <summary>
    /// A builder with K2's configuration and librdkafka logging routed to the host's logger. Add partition
    /// assignment/revocation and error handlers as needed, then <c>Build()</c>.
    /// </summary>
    public ConsumerBuilder<byte[]?, byte[]?> CreateBuilder(string groupId) =>
        new ConsumerBuilder<byte[]?, byte[]?>(CreateConfig(groupId))
            .SetLogHandler((_, message) => KafkaLog.Librdkafka(_logger, message));

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

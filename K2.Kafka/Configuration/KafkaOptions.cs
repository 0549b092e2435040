using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace K2.Kafka.Configuration;

/// <summary>
/// Everything K2's Kafka clients need. Bound from section <c>K2:Kafka</c>, with the bootstrap servers taken from
/// <c>ConnectionStrings:kafka</c> (what Aspire injects); validated at start.
/// </summary>
public sealed class KafkaOptions
{
    public const string SectionName = "K2:Kafka";

    /// <summary>Name of the connection string holding the bootstrap servers.</summary>
    public const string ConnectionStringName = "kafka";

    /// <summary>Comma-separated <c>host:port</c> list, from <c>ConnectionStrings:kafka</c>.</summary>
    [Required(ErrorMessage = "ConnectionStrings:kafka (the Kafka bootstrap servers) is not set.")]
    public string BootstrapServers { get; set; } = string.Empty;

    /// <summary>Prefix of every client id (<c>k2-producer</c>, <c>k2-consumer</c>, ...), visible in broker logs and quotas.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]+$")]
    public string ClientId { get; set; } = "k2";

    [ValidateObjectMembers]
    public KafkaTopicOptions Topics { get; set; } = new();

    [ValidateObjectMembers]
    public KafkaProducerOptions Producer { get; set; } = new();

    [ValidateObjectMembers]
    public KafkaConsumerOptions Consumer { get; set; } = new();

    [ValidateObjectMembers]
    public KafkaAdminOptions Admin { get; set; } = new();

    [ValidateObjectMembers]
    public LocalKafkaBrokerOptions LocalBroker { get; set; } = new();

    /// <summary>
    /// Extra librdkafka properties for every client, e.g. <c>security.protocol</c> and <c>sasl.*</c> for a managed
    /// cluster. Applied first, so they cannot weaken what K2 sets itself (idempotence, acks, commit behaviour).
    /// </summary>
    public Dictionary<string, string> ClientProperties { get; set; } = new(StringComparer.Ordinal);
}

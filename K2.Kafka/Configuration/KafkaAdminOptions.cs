using System.ComponentModel.DataAnnotations;

namespace K2.Kafka.Configuration;

/// <summary>Topic provisioning and other administrative calls, bound from <c>K2:Kafka:Admin</c>.</summary>
public sealed class KafkaAdminOptions
{
    /// <summary>Create missing K2 topics when the host starts.</summary>
    public bool ProvisionTopicsOnStart { get; set; } = true;

    /// <summary>Bound on one metadata, create-topics or watermark request, and on idle waits while reading dead letters.</summary>
    [Range(1, 600_000)]
    public int OperationTimeoutMs { get; set; } = 30_000;
}

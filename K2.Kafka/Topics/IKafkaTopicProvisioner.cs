namespace K2.Kafka.Topics;

/// <summary>Makes sure topics exist. Idempotent: topics that already exist are left as they are.</summary>
public interface IKafkaTopicProvisioner
{
    Task<TopicProvisioningResult> EnsureTopicsAsync(IReadOnlyCollection<KafkaTopicSpec> topics, CancellationToken cancellationToken);
}

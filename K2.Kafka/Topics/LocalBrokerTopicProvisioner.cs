using K2.Kafka.Broker;

namespace K2.Kafka.Topics;

/// <summary>
/// Creates topics on the in-memory <see cref="LocalKafkaBroker"/> through the mock API, because the mock does not
/// implement the CreateTopics admin request. Only usable in the process that hosts the broker.
/// </summary>
public sealed class LocalBrokerTopicProvisioner(LocalKafkaBroker broker) : IKafkaTopicProvisioner
{
    public Task<TopicProvisioningResult> EnsureTopicsAsync(
        IReadOnlyCollection<KafkaTopicSpec> topics,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(topics);
        cancellationToken.ThrowIfCancellationRequested();
        var created = broker.CreateTopics(topics);
        var present = topics.Select(topic => topic.Name).Except(created, StringComparer.Ordinal).ToList();
        return Task.FromResult(new TopicProvisioningResult(created, present));
    }
}

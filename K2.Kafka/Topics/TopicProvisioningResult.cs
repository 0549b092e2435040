namespace K2.Kafka.Topics;

/// <summary>What provisioning did: topics it created and topics that were already there (never altered).</summary>
public sealed record TopicProvisioningResult(IReadOnlyList<string> Created, IReadOnlyList<string> AlreadyPresent);

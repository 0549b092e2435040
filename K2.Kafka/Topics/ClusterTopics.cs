using Confluent.Kafka;

namespace K2.Kafka.Topics;

/// <summary>Partition counts of the topics that exist on a cluster.</summary>
internal static class ClusterTopics
{
    /// <summary>
    /// Lists all topics: asking for one topic by name would make a broker with auto-creation (like the local mock)
    /// create it with default partitions, which is exactly what provisioning must not do.
    /// </summary>
    public static Dictionary<string, int> ExistingTopics(IAdminClient admin, TimeSpan timeout) =>
        admin.GetMetadata(timeout).Topics
            .Where(topic => !topic.Error.IsError)
            .ToDictionary(topic => topic.Topic, topic => topic.Partitions.Count, StringComparer.Ordinal);
}

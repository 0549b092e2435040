namespace K2.Kafka.Topics;

/// <summary>A topic K2 needs and how many partitions it should have.</summary>
public sealed record KafkaTopicSpec
{
    public KafkaTopicSpec(string name, int partitions)
    {
        KafkaTopics.ThrowIfInvalidName(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        Name = name;
        Partitions = partitions;
    }

    public string Name { get; }

    public int Partitions { get; }

    /// <summary>Topic-level settings applied when K2 creates the topic (e.g. <c>retention.ms</c>).</summary>
    public IReadOnlyDictionary<string, string> Configs { get; init; } = new Dictionary<string, string>();
}

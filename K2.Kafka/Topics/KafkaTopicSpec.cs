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
}

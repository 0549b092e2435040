namespace K2.Silo.Flush;

/// <summary>A Kafka topic partition, as a small value type usable as a dictionary key.</summary>
public readonly record struct TopicPartition(string Topic, int Partition)
{
    public override string ToString() => $"{Topic}/{Partition}";
}

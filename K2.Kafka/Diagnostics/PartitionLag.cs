namespace K2.Kafka.Diagnostics;

/// <summary>How far a consumer's committed offset is behind the end of one partition.</summary>
public readonly record struct PartitionLag(string Topic, int Partition, long Lag);

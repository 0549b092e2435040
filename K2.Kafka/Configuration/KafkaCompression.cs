namespace K2.Kafka.Configuration;

/// <summary>Producer batch compression K2 allows: both are fast to decode; gzip and snappy are not offered.</summary>
public enum KafkaCompression
{
    /// <summary>Lowest CPU per message: the default for the latency-sensitive feed path.</summary>
    Lz4 = 0,

    /// <summary>Better ratio for a little more CPU: pick it when broker disk or network is the constraint.</summary>
    Zstd = 1,
}

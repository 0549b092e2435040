using System.ComponentModel.DataAnnotations;

namespace K2.Kafka.Configuration;

/// <summary>
/// Producer tuning, bound from <c>K2:Kafka:Producer</c>. Names and units follow the librdkafka properties they set,
/// so operators can map them one to one. Idempotence and <c>acks=all</c> are not options: they are K2's guarantees.
/// </summary>
public sealed class KafkaProducerOptions
{
    /// <summary><c>linger.ms</c>: how long a batch may wait for more records; trades latency for throughput.</summary>
    [Range(0, 900_000)]
    public int LingerMs { get; set; } = 5;

    /// <summary><c>batch.size</c>: upper bound of one batch in bytes.</summary>
    [Range(1, int.MaxValue)]
    public int BatchSizeBytes { get; set; } = 1_000_000;

    public KafkaCompression Compression { get; set; } = KafkaCompression.Lz4;

    /// <summary>
    /// <c>queue.buffering.max.messages</c>: the bounded in-memory queue, in records. When it (or
    /// <see cref="QueueBufferingMaxKbytes"/>) is full, publishers wait instead of dropping.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int QueueBufferingMaxMessages { get; set; } = 100_000;

    /// <summary><c>queue.buffering.max.kbytes</c>: the same bound in KiB.</summary>
    [Range(1, int.MaxValue)]
    public int QueueBufferingMaxKbytes { get; set; } = 65_536;

    /// <summary>
    /// <c>message.timeout.ms</c>: how long a record may wait for a broker acknowledgement (retries included) before
    /// its delivery fails. A failed delivery faults the publisher; it is never dropped silently.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int MessageTimeoutMs { get; set; } = 120_000;

    /// <summary><c>message.send.max.retries</c>: retries are bounded in time by <see cref="MessageTimeoutMs"/>.</summary>
    [Range(0, int.MaxValue)]
    public int MessageSendMaxRetries { get; set; } = int.MaxValue;

    /// <summary><c>retry.backoff.ms</c>: first wait before retrying a failed produce request.</summary>
    [Range(1, 300_000)]
    public int RetryBackoffMs { get; set; } = 100;

    /// <summary><c>retry.backoff.max.ms</c>: the exponential retry backoff stops growing here.</summary>
    [Range(1, 300_000)]
    public int RetryBackoffMaxMs { get; set; } = 1_000;

    /// <summary>First wait of a publisher that found the local queue full, before it tries again.</summary>
    [Range(1, 60_000)]
    public int QueueFullInitialBackoffMs { get; set; } = 1;

    /// <summary>The queue-full wait doubles up to this, so a stalled broker is not polled in a tight loop.</summary>
    [Range(1, 60_000)]
    public int QueueFullMaxBackoffMs { get; set; } = 100;

    /// <summary>How long disposing a publisher waits for outstanding records before giving up (and logging it).</summary>
    [Range(0, int.MaxValue)]
    public int CloseFlushTimeoutMs { get; set; } = 30_000;
}

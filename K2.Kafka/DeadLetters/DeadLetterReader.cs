using Confluent.Kafka;
using K2.Kafka.Configuration;
using K2.Kafka.Diagnostics;
using K2.Kafka.Topics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2.Kafka.DeadLetters;

/// <summary>
/// Lists the dead letters of a source for a CLI or an endpoint: reads <c>k2.dlq.&lt;source&gt;</c> from the beginning
/// up to the high watermarks seen when the listing starts. Partitions are assigned directly: it joins no group and
/// commits nothing, so listing never moves anybody's position.
/// </summary>
public sealed class DeadLetterReader
{
    /// <summary>Client id suffix: <c>&lt;ClientId&gt;-dlq-reader</c>.</summary>
    public const string ClientPurpose = "dlq-reader";

    private readonly KafkaOptions _options;
    private readonly ILogger _logger;

    public DeadLetterReader(IOptions<KafkaOptions> options, ILogger<DeadLetterReader> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Up to <paramref name="maxCount"/> dead letters of <paramref name="source"/>, by partition then offset.</summary>
    public Task<IReadOnlyList<DeadLetterRecord>> ListAsync(string source, int maxCount, CancellationToken cancellationToken)
    {
        var topic = KafkaTopics.DeadLetter(source);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCount, 1);
        // librdkafka's consume and metadata calls block; keep them off the caller's thread.
        return Task.Run<IReadOnlyList<DeadLetterRecord>>(() => List(topic, source, maxCount, cancellationToken), cancellationToken);
    }

    private List<DeadLetterRecord> List(string topic, string source, int maxCount, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromMilliseconds(_options.Admin.OperationTimeoutMs);
        using var consumer = CreateConsumer();
        var ends = new Dictionary<TopicPartition, long>();
        var start = new List<TopicPartitionOffset>();
        foreach (var partition in Partitions(topic, timeout))
        {
            var watermarks = consumer.QueryWatermarkOffsets(partition, timeout);
            if (watermarks.High > watermarks.Low)
            {
                start.Add(new TopicPartitionOffset(partition, watermarks.Low));
                ends[partition] = watermarks.High;
            }
        }

        var letters = new List<DeadLetterRecord>();
        consumer.Assign(start);
        while (ends.Count > 0 && letters.Count < maxCount)
        {
            var record = ConsumeNext(consumer, topic, timeout, cancellationToken);
            if (!ends.TryGetValue(record.TopicPartition, out var end))
            {
                continue;
            }

            if (!record.IsPartitionEOF && record.Offset < end)
            {
                letters.Add(new DeadLetterRecord(topic, record.Partition, record.Offset, DeadLetterCodec.FromRecord(record, source)));
            }

            // End-of-partition or the last offset below the watermark: this partition is done.
            if (record.Offset >= (record.IsPartitionEOF ? end : end - 1))
            {
                ends.Remove(record.TopicPartition);
            }
        }

        return letters.OrderBy(letter => letter.Partition).ThenBy(letter => letter.Offset).ToList();
    }

    private IConsumer<byte[]?, byte[]?> CreateConsumer()
    {
        // A group id is required by the client, but with Assign the group is never joined and nothing is committed.
        var config = KafkaClientConfigs.Consumer(_options, $"{_options.ClientId}-{ClientPurpose}", ClientPurpose);
        config.EnablePartitionEof = true;
        return new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetLogHandler((_, message) => KafkaLog.Librdkafka(_logger, message))
            .Build();
    }

    private List<TopicPartition> Partitions(string topic, TimeSpan timeout)
    {
        using var admin = new AdminClientBuilder(KafkaClientConfigs.Admin(_options, ClientPurpose)).Build();
        return ClusterTopics.ExistingTopics(admin, timeout).TryGetValue(topic, out var count)
            ? Enumerable.Range(0, count).Select(partition => new TopicPartition(topic, partition)).ToList()
            : throw new InvalidOperationException($"Dead-letter topic '{topic}' does not exist; it is created by topic provisioning.");
    }

    private static ConsumeResult<byte[]?, byte[]?> ConsumeNext(
        IConsumer<byte[]?, byte[]?> consumer,
        string topic,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(timeout);
        try
        {
            return consumer.Consume(idle.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"Nothing arrived from '{topic}' within {timeout} although its watermarks promise more records.");
        }
    }
}

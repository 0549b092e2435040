using System.Diagnostics.Metrics;
using Confluent.Kafka;
using K2.Kafka.Configuration;
using K2.Kafka.Producing;
using K2.Kafka.Publishing;
using K2.Kafka.Topics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2.Kafka.DeadLetters;

/// <summary>
/// Re-publishes chosen dead letters' payloads, once the cause is fixed, to a target topic (usually the topic the input
/// originally came from), with their original key and a <c>k2-replayed-from</c> header. Replaying the same dead letter
/// twice writes it twice: consumers deduplicate by message id, as they do for any replay.
/// </summary>
public sealed class DeadLetterReplayer
{
    /// <summary>Client id suffix: <c>&lt;ClientId&gt;-dlq-replayer</c>.</summary>
    public const string ClientPurpose = "dlq-replayer";

    private readonly KafkaOptions _options;
    private readonly ILogger _logger;
    private readonly IMeterFactory? _meterFactory;

    public DeadLetterReplayer(IOptions<KafkaOptions> options, ILogger<DeadLetterReplayer> logger, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _meterFactory = meterFactory;
    }

    /// <summary>
    /// Publishes each payload to <paramref name="targetTopic"/> and returns once all are acknowledged (throws if any
    /// is not). <paramref name="schemaName"/>, when given, is written as <c>k2-schema</c> like a first-time record.
    /// </summary>
    public async Task<int> ReplayAsync(
        IEnumerable<DeadLetterRecord> deadLetters,
        string targetTopic,
        CancellationToken cancellationToken,
        string? schemaName = null)
    {
        ArgumentNullException.ThrowIfNull(deadLetters);
        KafkaTopics.ThrowIfInvalidName(targetTopic);
        await using var producer = new ReliableProducer(_options, ClientPurpose, _logger, _meterFactory);
        var replayed = 0;
        foreach (var deadLetter in deadLetters)
        {
            await producer.SendAsync(targetTopic, ToMessage(deadLetter, schemaName), cancellationToken);
            replayed++;
        }

        await producer.FlushAsync(cancellationToken);
        return replayed;
    }

    private static Message<byte[]?, byte[]> ToMessage(DeadLetterRecord deadLetter, string? schemaName)
    {
        var letter = deadLetter.Letter;
        var headers = new Headers()
            .AddText(K2Headers.Source, letter.Source)
            .AddText(K2Headers.ReplayedFrom, deadLetter.Id);
        if (schemaName is not null)
        {
            headers.AddText(K2Headers.Schema, schemaName);
        }

        return new Message<byte[]?, byte[]>
        {
            Key = letter.Key.IsEmpty ? null : letter.Key.ToArray(),
            Value = letter.Payload.ToArray(),
            Headers = headers,
        };
    }
}

using System.Diagnostics.Metrics;
using K2.Kafka.Configuration;
using K2.Kafka.DeadLetters;
using K2.Kafka.Diagnostics;
using K2.Kafka.Producing;
using K2.Kafka.Topics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace K2.Kafka.Publishing;

/// <summary>
/// Writes dead letters to <c>k2.dlq.&lt;source&gt;</c>: value = the raw payload as received, headers
/// <c>k2-dlq-error</c>, <c>-stage</c>, <c>-source</c>, <c>-position</c>, <c>-failed-at</c>. Unlike market data,
/// <see cref="PublishAsync"/> completes only once the broker has acknowledged the dead letter, so a caller may move
/// past (or commit past) the bad input as soon as it returns.
/// </summary>
public sealed class KafkaDeadLetterPublisher : IDeadLetterPublisher, IAsyncDisposable
{
    /// <summary>Client id suffix: <c>&lt;ClientId&gt;-deadletters</c>.</summary>
    public const string ClientPurpose = "deadletters";

    private readonly ReliableProducer _producer;
    private readonly HashSet<string> _sources;

    public KafkaDeadLetterPublisher(
        IOptions<KafkaOptions> options,
        ILogger<KafkaDeadLetterPublisher> logger,
        IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _sources = new HashSet<string>(options.Value.Topics.EffectiveDeadLetterSources, StringComparer.Ordinal);
        _producer = new ReliableProducer(options.Value, ClientPurpose, logger, meterFactory);
    }

    public ProducerStatistics Statistics => _producer.Statistics;

    public async ValueTask PublishAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        // Only provisioned topics: on a real cluster an unknown one would fail only after the message timeout.
        if (!_sources.Contains(letter.Source))
        {
            throw new ArgumentException(
                $"'{letter.Source}' has no dead-letter topic; add it to K2:Kafka:Topics:DeadLetterSources.", nameof(letter));
        }

        await _producer.SendConfirmedAsync(KafkaTopics.DeadLetter(letter.Source), DeadLetterCodec.ToMessage(letter), cancellationToken);
    }

    public Task FlushAsync(CancellationToken cancellationToken) => _producer.FlushAsync(cancellationToken);

    public ValueTask DisposeAsync() => _producer.DisposeAsync();
}

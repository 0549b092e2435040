using K2.Kafka.Publishing;

namespace K2.Ingestion.Tests.Asx.Support;

internal sealed class RecordingDeadLetterPublisher : IDeadLetterPublisher
{
    public List<DeadLetter> Letters { get; } = [];

    public ValueTask PublishAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        Letters.Add(letter);
        return ValueTask.CompletedTask;
    }
}

using K2.Kafka.Publishing;

namespace K2.Testing.Publishing;

/// <summary>An <see cref="IDeadLetterPublisher"/> that keeps every dead letter in memory.</summary>
public sealed class RecordingDeadLetterPublisher : IDeadLetterPublisher
{
    public AwaitableLog<DeadLetter> Letters { get; } = new();

    public ValueTask PublishAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        Letters.Add(letter);
        return ValueTask.CompletedTask;
    }
}

namespace K2.Kafka.Publishing;

/// <summary>Sends input that cannot be processed to <c>k2.dlq.&lt;source&gt;</c>, with what is needed to fix and replay it.</summary>
public interface IDeadLetterPublisher
{
    ValueTask PublishAsync(DeadLetter letter, CancellationToken cancellationToken);
}

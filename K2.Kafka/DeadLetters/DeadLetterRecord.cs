using K2.Kafka.Publishing;

namespace K2.Kafka.DeadLetters;

/// <summary>A dead letter as stored: where it sits in its <c>k2.dlq.&lt;source&gt;</c> topic, and its content.</summary>
public sealed record DeadLetterRecord(string Topic, int Partition, long Offset, DeadLetter Letter)
{
    /// <summary><c>topic/partition@offset</c>: stable id to pick dead letters for replay.</summary>
    public string Id => $"{Topic}/{Partition}@{Offset}";
}

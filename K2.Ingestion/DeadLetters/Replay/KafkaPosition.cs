using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using K2.Kafka.Topics;

namespace K2.Ingestion.DeadLetters.Replay;

/// <summary>
/// A dead letter's source position when the input was a Kafka record: <c>topic/partition@offset</c>, as the silo's
/// consumer and the gap-repair consumer write it.
/// </summary>
public readonly record struct KafkaPosition(string Topic, int Partition, long Offset)
{
    public static bool TryParse(string? position, [NotNullWhen(true)] out KafkaPosition? parsed)
    {
        parsed = null;
        var slash = position?.LastIndexOf('/') ?? -1;
        var at = position?.LastIndexOf('@') ?? -1;
        if (position is null || slash <= 0 || at < slash)
        {
            return false;
        }

        var topic = position[..slash];
        if (!KafkaTopics.IsValidName(topic)
            || !int.TryParse(position.AsSpan(slash + 1, at - slash - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var partition)
            || !long.TryParse(position.AsSpan(at + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
        {
            return false;
        }

        parsed = new KafkaPosition(topic, partition, offset);
        return true;
    }
}

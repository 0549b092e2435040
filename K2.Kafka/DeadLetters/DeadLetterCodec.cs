using System.Globalization;
using Confluent.Kafka;
using K2.Kafka.Publishing;

namespace K2.Kafka.DeadLetters;

/// <summary>
/// A dead letter as a Kafka record: value = the raw payload, key = the original key (if any), and the rest in
/// <c>k2-dlq-*</c> headers so listing never depends on decoding the payload.
/// </summary>
internal static class DeadLetterCodec
{
    private const string TimestampFormat = "O";

    public static Message<byte[]?, byte[]> ToMessage(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        return new Message<byte[]?, byte[]>
        {
            Key = letter.Key.IsEmpty ? null : letter.Key.ToArray(),
            Value = letter.Payload.ToArray(),
            Headers = new Headers()
                .AddText(K2Headers.DeadLetterSource, letter.Source)
                .AddText(K2Headers.DeadLetterStage, letter.Stage)
                .AddText(K2Headers.DeadLetterError, letter.Error)
                .AddText(K2Headers.DeadLetterPosition, letter.SourcePosition)
                .AddText(K2Headers.DeadLetterFailedAt, letter.FailedAt.ToString(TimestampFormat, CultureInfo.InvariantCulture)),
        };
    }

    /// <summary>Reads a dead letter back; records written by other tools get what can be inferred.</summary>
    public static DeadLetter FromRecord(ConsumeResult<byte[]?, byte[]?> record, string fallbackSource)
    {
        ArgumentNullException.ThrowIfNull(record);
        var headers = record.Message.Headers;
        var failedAt = HeaderText.Find(headers, K2Headers.DeadLetterFailedAt) is { } text
            && DateTimeOffset.TryParseExact(text, TimestampFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)
                ? parsed
                : record.Message.Timestamp.UtcDateTime;
        return new DeadLetter(
            HeaderText.Find(headers, K2Headers.DeadLetterSource) ?? fallbackSource,
            HeaderText.Find(headers, K2Headers.DeadLetterStage) ?? string.Empty,
            HeaderText.Find(headers, K2Headers.DeadLetterError) ?? string.Empty,
            record.Message.Value ?? [],
            HeaderText.Find(headers, K2Headers.DeadLetterPosition) ?? string.Empty,
            failedAt)
        {
            Key = record.Message.Key ?? ReadOnlyMemory<byte>.Empty,
        };
    }
}

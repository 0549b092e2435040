using K2.Kafka.DeadLetters;
using K2.Kafka.Topics;

namespace K2.Ingestion.DeadLetters.Replay;

/// <summary>
/// Decides where a dead letter goes on replay. Input that was a Kafka record goes back to its topic unchanged (the
/// fix is downstream: a consumer that can now decode or accept it). Input that never was a Kafka record has to be
/// converted again: Binance frames are re-parsed; ASX rows need their file's context (company map, line), so they are
/// replayed by loading the fixed file again, which republishes the same message ids.
/// </summary>
public static class ReplayRouter
{
    public const string BinanceSource = "binance";
    public const string BinanceParseStage = "parse";

    /// <summary>Topics a raw replay may write to: K2's inputs, never a dead-letter topic (that would loop).</summary>
    private static readonly HashSet<string> ReplayableTopics = new(StringComparer.Ordinal)
    {
        KafkaTopics.BinanceTrades,
        KafkaTopics.AsxTrades,
        KafkaTopics.AsxQuotes,
        KafkaTopics.ControlGaps,
    };

    public static ReplayRoute Route(DeadLetterRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var letter = record.Letter;
        if (KafkaPosition.TryParse(letter.SourcePosition, out var position))
        {
            return ReplayableTopics.Contains(position.Value.Topic)
                ? ReplayRoute.ToTopic(position.Value.Topic)
                : ReplayRoute.NotReplayable($"came from '{position.Value.Topic}', which is not a K2 input topic");
        }

        if (string.Equals(letter.Source, BinanceSource, StringComparison.Ordinal) && string.Equals(letter.Stage, BinanceParseStage, StringComparison.Ordinal))
        {
            return ReplayRoute.ReparseBinanceFrame;
        }

        return ReplayRoute.NotReplayable(letter.Source == "asx"
            ? "an ASX row: fix the file and run load-asx again (it republishes the same message ids)"
            : $"position '{letter.SourcePosition}' is not a Kafka record and stage '{letter.Stage}' has no re-parse");
    }
}

namespace K2.Kafka.Publishing;

/// <summary>
/// Kafka header names K2 writes. Values are UTF-8 text. The schema header duplicates what the value's fingerprint
/// already says, so tools (kcat, a dead-letter CLI) can tell records apart without decoding them.
/// </summary>
public static class K2Headers
{
    /// <summary>Full schema name of the value, e.g. <c>io.k2.marketdata.v2.Trade</c>.</summary>
    public const string Schema = "k2-schema";

    /// <summary>Source that produced the record: <c>binance</c>, <c>asx</c>, ...</summary>
    public const string Source = "k2-source";

    public const string DeadLetterError = "k2-dlq-error";

    public const string DeadLetterStage = "k2-dlq-stage";

    public const string DeadLetterSource = "k2-dlq-source";

    public const string DeadLetterPosition = "k2-dlq-position";

    /// <summary>ISO 8601 round-trip text (<c>O</c> format) of when the input failed.</summary>
    public const string DeadLetterFailedAt = "k2-dlq-failed-at";

    /// <summary>On a replayed record: the dead letter it came from, <c>topic/partition@offset</c>.</summary>
    public const string ReplayedFrom = "k2-replayed-from";
}

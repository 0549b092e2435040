namespace K2.Kafka.Publishing;

/// <summary>
/// One rejected input: the raw bytes exactly as received, why it failed, at which stage, and where it came from
/// (e.g. <c>ws:btcusdt@trade#frame-1042</c>, <c>7078.csv:line 513</c>, <c>market.crypto.trades.binance/3@1200</c>).
/// </summary>
public sealed record DeadLetter(
    string Source,
    string Stage,
    string Error,
    ReadOnlyMemory<byte> Payload,
    string SourcePosition,
    DateTimeOffset FailedAt)
{
    /// <summary>
    /// The failed input's Kafka key when it was read from a topic (the symbol), so a replay lands on the same partition
    /// as its neighbours; empty for input that never was a Kafka record (a WebSocket frame, a CSV line).
    /// </summary>
    public ReadOnlyMemory<byte> Key { get; init; }
}

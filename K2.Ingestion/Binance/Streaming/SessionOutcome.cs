namespace K2.Ingestion.Binance.Streaming;

/// <summary>
/// How a connection's session ended. <see cref="Successor"/> is the already-open replacement when the session was
/// rotated (or its replacement was open when it failed); the feed continues on it without a reconnect pause.
/// </summary>
internal sealed record SessionOutcome(string Reason, long Messages, BinanceConnection? Successor, Exception? Error = null);

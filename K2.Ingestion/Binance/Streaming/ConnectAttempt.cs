namespace K2.Ingestion.Binance.Streaming;

/// <summary>The result of one policed connection attempt: a connection, or how long to wait before the next try.</summary>
internal readonly record struct ConnectAttempt(BinanceConnection? Connection, TimeSpan RetryAfter);

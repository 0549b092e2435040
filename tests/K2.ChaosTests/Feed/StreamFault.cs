namespace K2.ChaosTests.Feed;

/// <summary>What the Binance server does wrong to the feed handler's connection, as <see cref="BinanceMarket"/> plays it.</summary>
public enum StreamFault
{
    /// <summary>The connection cut mid-stream without a close frame; trades in flight are lost with it.</summary>
    Drop,

    /// <summary>The connection left open but silent, until the feed handler's staleness watchdog replaces it.</summary>
    GoStale,

    /// <summary>A trade frame cut short (invalid JSON): a dead letter, the stream carries on.</summary>
    Malformed,

    /// <summary>A trade-shaped message past the feed handler's <c>MaxMessageBytes</c>: a dead letter, the stream carries on.</summary>
    Oversized,

    /// <summary>A run of trade ids the stream never sends: the symbol grain sees the jump and REST must fill it.</summary>
    SkipIds,

    /// <summary>
    /// Not a fault, the end of the run: the market stops trading, the stream sends its last trades and a ping behind
    /// them, whose pong proves the client read them all. Carried out only by a connection that has streamed a trade of
    /// every symbol, so the last trades reach the feed live and every gap before them shows as a jump.
    /// </summary>
    CloseMarket,
}

namespace K2.ChaosTests.Reporting;

/// <summary>The feed-handler scenario's own figures: what the Binance server did and what the feed made of it.</summary>
public sealed record FeedFigures
{
    /// <summary>Trade ids the server's market made, over all symbols: the ground truth of the scenario.</summary>
    public required long TradesGenerated { get; init; }

    /// <summary>Rows of the scenario's symbols in the table that came by gap repair (<c>vendor_data.backfilled</c>).</summary>
    public required long RepairedByRest { get; init; }

    /// <summary>Ids the stream left out on purpose; gap repair is the only way they reach the table.</summary>
    public required long SkippedIds { get; init; }

    /// <summary><c>historicalTrades</c> calls the server answered.</summary>
    public required int RestRequests { get; init; }

    /// <summary>Malformed and oversized frames the feed handler read (its pong to the ping behind each proves it).</summary>
    public required int BadFramesRead { get; init; }

    /// <summary>Dead letters of stage <c>parse</c> that appeared in <c>k2.dlq.binance</c> during the scenario.</summary>
    public required int ParseDeadLetters { get; init; }

    /// <summary>Dead letters of stage <c>gap-repair</c> (repairs that failed for good) during the scenario.</summary>
    public required int GapRepairDeadLetters { get; init; }

    /// <summary>WebSocket connections the server accepted after the first one.</summary>
    public required int Reconnects { get; init; }

    public required int FeedKills { get; init; }

    /// <summary>Symbol grains' open gaps at the end (must be none: every gap was repaired).</summary>
    public required long MissingAtEnd { get; init; }

    /// <summary>Slowest time from a connection-ending fault (drop, stale, kill) until the server accepted the feed's next connection.</summary>
    public required double? WorstReconnectSeconds { get; init; }

    public bool Passed => ParseDeadLetters == BadFramesRead && MissingAtEnd == 0;
}

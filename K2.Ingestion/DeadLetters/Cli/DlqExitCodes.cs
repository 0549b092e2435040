namespace K2.Ingestion.DeadLetters.Cli;

/// <summary>Exit codes of <c>dlq</c>.</summary>
public static class DlqExitCodes
{
    /// <summary>Listed, or every chosen dead letter was re-published (or would be, in a dry run).</summary>
    public const int Ok = 0;

    /// <summary>The arguments are wrong; usage is printed.</summary>
    public const int Usage = 1;

    /// <summary>Could not run: unknown source, missing topic, invalid configuration, or the broker failed.</summary>
    public const int Fatal = 2;

    /// <summary>
    /// Replay finished but left some chosen dead letters unpublished: a Binance frame that still does not parse, or an
    /// ASX row (replayed by loading the fixed file again). They stay in the dead-letter topic.
    /// </summary>
    public const int NotAllReplayed = 3;

    /// <summary>Interrupted (Ctrl+C / SIGTERM).</summary>
    public const int Cancelled = 130;
}

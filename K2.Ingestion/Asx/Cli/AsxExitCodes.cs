namespace K2.Ingestion.Asx.Cli;

/// <summary>
/// Exit codes of <c>load-asx</c>. Rejected rows do not fail the load: they are dead-lettered (and reported), so the
/// rest of the data is in K2 and the bad rows can be fixed and replayed; the summary warns about them instead.
/// </summary>
public static class AsxExitCodes
{
    /// <summary>Every file was read; rows that could not be parsed were dead-lettered (see the summary's warning).</summary>
    public const int Ok = 0;

    /// <summary>The arguments are wrong; usage is printed.</summary>
    public const int Usage = 1;

    /// <summary>
    /// The load could not start or stopped: missing directory, company map or data files, invalid configuration,
    /// no publisher registered, or the publisher or file system failed. What was published before the failure stays
    /// published; rerunning publishes the same ids, which downstream deduplication drops.
    /// </summary>
    public const int Fatal = 2;

    /// <summary>Interrupted (Ctrl+C / SIGTERM), as shells report for SIGINT.</summary>
    public const int Cancelled = 130;
}

using K2.Bench.Freshness;

namespace K2.ApiAbuse.Ingest;

/// <summary>
/// What ingest did in one window (before, during or after the attack): trades produced and committed to the table per
/// second, the freshness of the probes published in it (in the grain, through the API, in a committed snapshot), and
/// the peak resident memory of the API and of the silo's process.
/// </summary>
internal sealed record WindowFigures(
    string Name,
    TimeSpan Elapsed,
    long Produced,
    long Committed,
    LatencySummary Grain,
    LatencySummary Api,
    LatencySummary Snapshot,
    double ApiPeakMiB,
    double SiloPeakMiB)
{
    public double ProducedPerSecond => Produced / Elapsed.TotalSeconds;

    /// <summary>Rows added to the table per second; commits land every flush age, so a short window's figure is coarse.</summary>
    public double CommittedPerSecond => Committed / Elapsed.TotalSeconds;
}

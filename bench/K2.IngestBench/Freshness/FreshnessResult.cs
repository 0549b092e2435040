using K2.Bench.Freshness;

namespace K2.IngestBench.Freshness;

/// <summary>What the freshness phase measured, with the settings that bound it.</summary>
internal sealed record FreshnessResult(
    int LoadRate,
    TimeSpan Warmup,
    TimeSpan Duration,
    long LoadTrades,
    TimeSpan ProbeInterval,
    TimeSpan FlushMaxAge,
    TimeSpan BatchMaxWait,
    TimeSpan BatchLinger,
    int FetchWaitMaxMs,
    int LoadLingerMs,
    long ProbesPublished,
    LatencySummary Grain,
    LatencySummary Hot,
    LatencySummary Committed,
    LatencySummary HotPollRoundTrip,
    TimeSpan CommittedPollInterval,
    GcActivity GcDuringLoad,
    LatencySummary BatchProcessing,
    (double MeanBusy, double SaturatedIntervals, int Intervals)? MachineCpu,
    PostgresActivity Postgres)
{
    /// <summary>The target for committed-snapshot freshness: the flush age in use plus one second.</summary>
    public TimeSpan CommittedTarget => FlushMaxAge + TimeSpan.FromSeconds(1);
}

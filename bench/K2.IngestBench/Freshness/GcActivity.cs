namespace K2.IngestBench.Freshness;

/// <summary>
/// The garbage collections of the benchmark's process (the silo runs in it) over one phase: how often each generation
/// was collected and how long the runtime was paused in total. A pause holds every grain, the consumer loop and the
/// pollers alike, so it bounds how much of a latency tail the GC can explain. <see cref="AllocatedBytes"/> is what the
/// process allocated meanwhile (all threads): divided by the phase's trades, the allocation cost of one trade.
/// </summary>
internal sealed record GcActivity(int Gen0, int Gen1, int Gen2, TimeSpan TotalPause, TimeSpan LongestRecentPause, long AllocatedBytes)
{
    public static GcActivity Now() => new(
        GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration(), LongestRecent(),
        GC.GetTotalAllocatedBytes(precise: false));

    /// <summary>What happened since <paramref name="start"/>.</summary>
    public GcActivity Since(GcActivity start) => new(
        Gen0 - start.Gen0, Gen1 - start.Gen1, Gen2 - start.Gen2, TotalPause - start.TotalPause, LongestRecentPause,
        AllocatedBytes - start.AllocatedBytes);

    /// <summary>Bytes allocated per trade of a phase that handled <paramref name="trades"/> trades.</summary>
    public double AllocatedBytesPer(long trades) => trades == 0 ? 0 : (double)AllocatedBytes / trades;

    // The runtime keeps the pauses of the last collection of each kind only; the longest of those is a sample of the
    // phase's pauses, not their maximum.
    private static TimeSpan LongestRecent() =>
        new[] { GCKind.Ephemeral, GCKind.FullBlocking, GCKind.Background }
            .SelectMany(kind => GC.GetGCMemoryInfo(kind).PauseDurations.ToArray())
            .DefaultIfEmpty(TimeSpan.Zero)
            .Max();
}

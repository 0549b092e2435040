using System.ComponentModel.DataAnnotations;

namespace Microsoft.Extensions.Hosting;

/// <summary>The thread pool's floor for a K2 process, bound from <c>K2:ThreadPool</c>.</summary>
public sealed class ThreadPoolOptions
{
    public const string SectionName = "K2:ThreadPool";

    /// <summary>
    /// Worker threads the pool creates on demand without waiting (<see cref="ThreadPool.SetMinThreads"/>); 0 leaves
    /// the runtime's floor (one per core). Above the floor the pool adds a thread only every ~0.5 s while work waits,
    /// and K2 processes hold workers in calls that block: the silo's consumer waits inside librdkafka's poll and a flush
    /// writes Parquet for hundreds of milliseconds, the API runs DuckDB queries synchronously. On two cores that left
    /// grain calls queued behind them for 0.2–0.4 s at a time (docs/benchmarks.md, "Freshness"). Never lowers a floor
    /// that is already higher (e.g. set by the runtime configuration).
    /// </summary>
    [Range(0, 1_024)]
    public int MinWorkerThreads { get; set; } = 32;
}

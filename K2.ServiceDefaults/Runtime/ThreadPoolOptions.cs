using System.ComponentModel.DataAnnotations;

namespace Microsoft.Extensions.Hosting;

/// <summary>The thread pool's floor for a K2 process, bound from <c>K2:ThreadPool</c>.</summary>
public sealed class ThreadPoolOptions
{
    public const string SectionName = "K2:ThreadPool";

    /// <summary>
    /// Worker threads the pool creates on demand without waiting (<see cref="ThreadPool.SetMinThreads"/>); 0 (the
    /// default) leaves the runtime's floor of one per core. Above the floor the pool adds a thread only every ~0.5 s
    /// while work waits, and K2 processes hold workers in calls that block (the silo's consumer inside librdkafka's
    /// poll, a flush's Parquet write; the API's DuckDB queries). A floor of 32 cut the silo's stalls with work queued
    /// and nothing completing from ~10 to ~2 per 40 s and the hot-path p99 by ~50–100 ms on two cores, but the flush's
    /// file write then shares the cores with more threads and the committed-snapshot p99 rose by ~2 s
    /// (docs/benchmarks.md, "Freshness", session 8): a knob for deployments that favour the hot path, not a default.
    /// Never lowers a floor that is already higher (e.g. set by the runtime configuration).
    /// </summary>
    [Range(0, 1_024)]
    public int MinWorkerThreads { get; set; }
}

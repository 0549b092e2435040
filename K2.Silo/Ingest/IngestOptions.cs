using System.ComponentModel.DataAnnotations;

namespace K2.Silo.Ingest;

/// <summary>How the silo's Kafka consumer batches and retries, bound from <c>K2:Ingest</c> and validated at start.</summary>
public sealed class IngestOptions
{
    public const string SectionName = "K2:Ingest";

    /// <summary>One group across all silos: Kafka spreads the partitions over them.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9._-]+$")]
    public string GroupId { get; set; } = "k2-silo";

    /// <summary>Upper bound of one poll batch; each symbol of a batch costs one grain call.</summary>
    [Range(1, 100_000)]
    public int MaxBatchMessages { get; set; } = 5_000;

    /// <summary>How long a batch may wait to fill up: bounds the latency a quiet topic adds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan MaxBatchWait { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// How long a batch keeps filling once it holds its first record (never beyond <see cref="MaxBatchWait"/>): a
    /// trade that arrives into an empty batch waits at most this long for company, not the whole batch wait. Larger
    /// values make fewer, bigger batches (one grain call per symbol per batch); a backlog fills a batch either way.
    /// 10 ms (was 50): at 21,677 trades/s on two cores it halved the hot-path p50 (68 → 32 ms produce → visible in the
    /// grain) at the same p99 and ingest rate (docs/benchmarks.md, "Freshness", session 8).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan MaxBatchLinger { get; set; } = TimeSpan.FromMilliseconds(10);

    /// <summary>First wait before retrying a batch that failed (grain call, PostgreSQL, dead-letter publish).</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")]
    public TimeSpan RetryInitialBackoff { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Cap of the doubling retry wait; a batch is retried until it succeeds, never skipped.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan RetryMaxBackoff { get; set; } = TimeSpan.FromSeconds(10);
}

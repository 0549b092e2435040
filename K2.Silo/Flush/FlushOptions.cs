using System.ComponentModel.DataAnnotations;

namespace K2.Silo.Flush;

/// <summary>When a silo's consumer commits its buffered trades and quotes to the lakehouse. Bound from <c>K2:Flush</c>.</summary>
public sealed class FlushOptions
{
    public const string SectionName = "K2:Flush";

    /// <summary>
    /// Oldest buffered trade's age that triggers a flush: the bound on how stale the lakehouse is, and the one commit
    /// per table per interval per silo that keeps snapshots and files few.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Buffered records (trades and quotes together) that trigger a flush before <see cref="MaxAge"/>: bounds the
    /// consumer's memory, and turns a backlog read faster than <see cref="MaxAge"/> into several flushes whose files
    /// and commits run while the consumer reads on, instead of one flush at its end that nothing overlaps. Each flush
    /// also costs a stop of the consumer for its grain checkpoints (one per symbol fed, whatever the flush's size),
    /// so smaller is not better: the default leaves a live flow below 40,000 records/s per silo to the age trigger.
    /// </summary>
    [Range(1, 50_000_000)]
    public int MaxTrades { get; set; } = 200_000;

    /// <summary>
    /// Buffered records that are flushed as soon as the consumer has caught up (a poll waited
    /// <c>K2:Ingest:MaxBatchWait</c> and found nothing, and every assigned partition is read up to its high watermark) instead of at <see cref="MaxAge"/>: the end of a
    /// backlog is committed at once rather than idling for the age, while a trickle (fewer records) still waits for the
    /// age and so still makes few, larger files.
    /// </summary>
    [Range(1, 50_000_000)]
    public int CaughtUpMinTrades { get; set; } = 50_000;

    /// <summary>
    /// Grain calls a flush has in flight at once when the grains it fed write their checkpoints (and when they are told
    /// of the commit). Each write is a turn on the thread pool the consumer's batches also run on, and its storage
    /// round trip comes back as another: issued all at once, a flush of a few hundred symbols queued 0.5–1.2 s of them
    /// ahead of the next batch's grain calls (docs/benchmarks.md, "Session 10"). A few at a time keep PostgreSQL busy
    /// and let batches through between them. Fewer trade the hot path's tail for the commit's: with 2 at 200 symbols
    /// the hot p99 halves and the persist outlasts the file write, so committed snapshots come ~0.3 s later
    /// (docs/benchmarks.md, "Session 14 (lead)"); the default suits thousands of symbols per silo.
    /// </summary>
    [Range(1, 10_000)]
    public int GrainCallsInFlight { get; set; } = 8;
}

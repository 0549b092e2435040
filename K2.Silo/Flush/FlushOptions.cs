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
    /// consumer's memory.
    /// </summary>
    [Range(1, 50_000_000)]
    public int MaxTrades { get; set; } = 1_000_000;
}

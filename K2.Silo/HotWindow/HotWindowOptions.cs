using System.ComponentModel.DataAnnotations;

namespace K2.Silo.HotWindow;

/// <summary>
/// How many recent trades each symbol grain keeps in memory for hot reads; its quotes' window has the same bounds (counted
/// in quotes). Bound from <c>K2:HotWindow</c>.
/// </summary>
public sealed class HotWindowOptions
{
    public const string SectionName = "K2:HotWindow";

    [Range(1, 10_000_000)]
    public int MaxTrades { get; set; } = 10_000;

    /// <summary>
    /// Flushed trades all of a silo's symbol grains keep together (and as many quotes): each window holding records keeps
    /// at most this divided by how many windows hold records, and never more than <see cref="MaxTrades"/>. Without it a
    /// silo's memory grows with its symbols (2,000 symbols at <see cref="MaxTrades"/> is 20 million trades, ~1.7 GB);
    /// with it, a few busy symbols still keep <see cref="MaxTrades"/> each while thousands share the bound. Trades above
    /// the watermark are never let go for it, and what a window lets go is served from the lakehouse
    /// (see <see cref="HotWindowBudget"/>).
    /// </summary>
    [Range(1, 1_000_000_000)]
    public long MaxSiloTrades { get; set; } = 2_000_000;

    /// <summary>
    /// Trades older than this, measured against the newest trade's exchange time (not the wall clock, so a
    /// replay of an old session keeps its window), leave the window.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// Last-resort bound on trades kept because they are not yet confirmed in the lakehouse. The consumer's flush
    /// size keeps a symbol far below it; reaching it means flushes are failing, and the query path loses sight of the
    /// evicted trades until they are committed (counted and logged, never silent). The silo checks at start that it is
    /// above two flush buffers and a poll batch (see MarketDataConsumerExtensions).
    /// </summary>
    [Range(1, 100_000_000)]
    public int MaxUnflushedTrades { get; set; } = 2_100_000;
}

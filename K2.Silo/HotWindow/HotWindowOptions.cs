using System.ComponentModel.DataAnnotations;

namespace K2.Silo.HotWindow;

/// <summary>How many recent trades each symbol grain keeps in memory for hot reads. Bound from <c>K2:HotWindow</c>.</summary>
public sealed class HotWindowOptions
{
    public const string SectionName = "K2:HotWindow";

    [Range(1, 10_000_000)]
    public int MaxTrades { get; set; } = 10_000;

    /// <summary>
    /// Trades older than this, measured against the newest trade's exchange time (not the wall clock, so a
    /// replay of an old session keeps its window), leave the window.
    /// </summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(15);
}

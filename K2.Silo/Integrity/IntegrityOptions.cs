using System.ComponentModel.DataAnnotations;

namespace K2.Silo.Integrity;

/// <summary>Bounds and session rules of per-symbol sequence tracking. Bound from <c>K2:Integrity</c>.</summary>
public sealed class IntegrityOptions
{
    public const string SectionName = "K2:Integrity";

    /// <summary>Open gaps tracked one by one; past this the oldest is retired into the summary counters.</summary>
    [Range(1, 1_000_000)]
    public int MaxOpenGaps { get; set; } = 1_000;

    /// <summary>How many recent message ids are remembered for deduplication (persisted with the grain).</summary>
    [Range(1, 1_000_000)]
    public int MessageIdWindow { get; set; } = 4_096;

    /// <summary>Time zone whose calendar day is a trading session, unless <see cref="ExchangeTimeZones"/> names one.</summary>
    [Required]
    public string DefaultSessionTimeZone { get; set; } = "UTC";

    /// <summary>Per-exchange session time zones (IANA ids), e.g. <c>ASX: Australia/Sydney</c>.</summary>
    public Dictionary<string, string> ExchangeTimeZones { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["ASX"] = "Australia/Sydney",
    };

    /// <summary>
    /// A silence in exchange time at least this long also starts a new session (a feed restart within a day).
    /// </summary>
    public TimeSpan SessionIdleGap { get; set; } = TimeSpan.FromMinutes(30);
}

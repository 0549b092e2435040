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

    /// <summary>
    /// A message-id ring at least this many ids long is stored as a base row, rewritten now and then, plus the ids added
    /// since (see <see cref="Grains.MessageIdRingBases"/>) instead of whole at every flush. Shorter rings are stored
    /// whole: a row that small costs the database about as much either way.
    /// </summary>
    [Range(2, 1_000_000)]
    public int RingBaseMinimumIds { get; set; } = 1_024;

    /// <summary>
    /// The most ids a stored state carries beside its ring's base row; a write past it writes a new base first. The
    /// bound trades the base's rewrites (the whole ring) against what every write in between carries.
    /// </summary>
    [Range(1, 1_000_000)]
    public int RingBaseMaxAddedIds { get; set; } = 1_024;

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

namespace K2.Ingestion.Asx.Parsing;

/// <summary>
/// Turns exchange-local wall-clock times into UTC instants with the tz database, daylight saving included
/// (Australia/Sydney: AEDT, UTC+11, until 3:00 on 6 April 2014; AEST, UTC+10, after).
/// </summary>
/// <remarks>
/// The two hours a year that do not map to exactly one instant are settled by policy, deterministically, so a rerun
/// of the same file always produces the same timestamps:
/// <list type="bullet">
/// <item>Ambiguous (clocks go back, e.g. 02:30 on 6 April 2014 happens twice): the earlier instant, i.e. the daylight
/// offset. The rows carry nothing that tells the two apart, and the first occurrence is what a file in time order
/// reaches first.</item>
/// <item>Nonexistent (clocks go forward, e.g. 02:30 on 5 October 2014): rejected. No clock showed that time, so the row
/// is corrupt rather than merely unclear.</item>
/// </list>
/// Both fall on a Sunday between 2 and 3 a.m., when ASX is closed, so neither should occur in real data.
/// <para>
/// Rows come in date order, so the clock remembers the offset of the last date it saw when that whole day has one
/// offset; only transition days pay for a tz-database lookup per row. Not thread-safe: one clock per load.
/// </para>
/// </remarks>
public sealed class AsxExchangeClock
{
    private readonly TimeZoneInfo _zone;
    private DateOnly _cachedDate;

    // Null while nothing is cached or when the cached date has a transition: then every row is looked up.
    private TimeSpan? _cachedDateOffset;

    public AsxExchangeClock(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        _zone = zone;
    }

    public TimeZoneInfo Zone => _zone;

    /// <summary>
    /// False for a nonexistent local time, and for one whose instant lies off the calendar (early on 1 January of
    /// year 1 east of Greenwich); the result is UTC (offset zero).
    /// </summary>
    public bool TryToUtc(DateOnly localDate, TimeSpan timeOfDay, out DateTimeOffset utc)
    {
        if (localDate != _cachedDate)
        {
            _cachedDate = localDate;
            _cachedDateOffset = WholeDayOffset(localDate);
        }

        var local = localDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified) + timeOfDay;
        if (_cachedDateOffset is { } wholeDay)
        {
            return TryInstant(local, wholeDay, out utc);
        }

        if (_zone.IsInvalidTime(local))
        {
            utc = default;
            return false;
        }

        var offset = _zone.IsAmbiguousTime(local) ? EarlierInstantOffset(local) : _zone.GetUtcOffset(local);
        return TryInstant(local, offset, out utc);
    }

    /// <summary>The instant of a wall-clock time at an offset, unless it falls off either end of the calendar.</summary>
    private static bool TryInstant(DateTime local, TimeSpan offset, out DateTimeOffset utc)
    {
        var ticks = local.Ticks - offset.Ticks;
        var fits = ticks >= DateTimeOffset.MinValue.Ticks && ticks <= DateTimeOffset.MaxValue.Ticks;
        utc = fits ? new DateTimeOffset(ticks, TimeSpan.Zero) : default;
        return fits;
    }

    /// <summary>
    /// The offset of a day without a transition, or null. Equal offsets at the first and last tick of the day mean no
    /// transition in between, because tz rules change a zone's offset at most once a day.
    /// </summary>
    private TimeSpan? WholeDayOffset(DateOnly date)
    {
        var first = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        var last = date.ToDateTime(TimeOnly.MaxValue, DateTimeKind.Unspecified);
        if (_zone.IsInvalidTime(first) || _zone.IsAmbiguousTime(first) || _zone.IsInvalidTime(last) || _zone.IsAmbiguousTime(last))
        {
            return null;
        }

        var offset = _zone.GetUtcOffset(first);
        return offset == _zone.GetUtcOffset(last) ? offset : null;
    }

    // The larger offset is subtracted from the same wall-clock time, so it gives the earlier instant.
    private TimeSpan EarlierInstantOffset(DateTime local) => _zone.GetAmbiguousTimeOffsets(local).Max();
}

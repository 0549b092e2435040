namespace K2.Contracts.Model;

/// <summary>Conversions between <see cref="DateTimeOffset"/> and microseconds since the Unix epoch (UTC).</summary>
public static class UtcMicros
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    /// <summary>Microseconds of <see cref="DateTimeOffset.MinValue"/>: the earliest instant a decoded timestamp may carry.</summary>
    public static readonly long MinMicros = ToMicros(DateTimeOffset.MinValue);

    /// <summary>Microseconds of <see cref="DateTimeOffset.MaxValue"/>, floored: the latest instant a decoded timestamp may carry.</summary>
    public static readonly long MaxMicros = ToMicros(DateTimeOffset.MaxValue);

    public static long ToMicros(DateTimeOffset value)
    {
        // Floor, not truncate toward zero, so pre-epoch instants round down like every other engine does.
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var micros = Math.DivRem(ticks, TicksPerMicrosecond, out var remainder);
        return remainder < 0 ? micros - 1 : micros;
    }

    public static DateTimeOffset FromMicros(long micros) =>
        TryFromMicros(micros, out var value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(micros), micros, "Outside the range of DateTimeOffset.");

    /// <summary>
    /// False when <paramref name="micros"/> lies outside <see cref="DateTimeOffset"/>'s range. Checked before
    /// multiplying, because an unchecked overflow would wrap to a plausible but wrong instant.
    /// </summary>
    public static bool TryFromMicros(long micros, out DateTimeOffset value)
    {
        if (micros < MinMicros || micros > MaxMicros)
        {
            value = default;
            return false;
        }

        value = new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + (micros * TicksPerMicrosecond), TimeSpan.Zero);
        return true;
    }

    /// <summary>True when the instant has no sub-microsecond ticks, i.e. converting it to microseconds loses nothing.</summary>
    public static bool IsWholeMicros(DateTimeOffset value) => value.UtcTicks % TicksPerMicrosecond == 0;

    /// <summary>Drops sub-microsecond ticks and normalises to offset zero, the form every K2 timestamp has.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) => FromMicros(ToMicros(value));
}

namespace K2.Contracts.Model;

/// <summary>Conversions between <see cref="DateTimeOffset"/> and microseconds since the Unix epoch (UTC).</summary>
public static class UtcMicros
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static long ToMicros(DateTimeOffset value)
    {
        // Floor, not truncate toward zero, so pre-epoch instants round down like every other engine does.
        var ticks = value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        var micros = Math.DivRem(ticks, TicksPerMicrosecond, out var remainder);
        return remainder < 0 ? micros - 1 : micros;
    }

    public static DateTimeOffset FromMicros(long micros) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (micros * TicksPerMicrosecond), TimeSpan.Zero);

    /// <summary>Drops sub-microsecond ticks and normalises to offset zero, the form every K2 timestamp has.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value) => FromMicros(ToMicros(value));
}

namespace K2.Silo.Integrity;

/// <summary>
/// Decides whether a trade begins a new trading session: a later calendar day in the exchange's time zone,
/// or a long silence in exchange time (a feed restart within the day).
/// </summary>
public sealed class SessionCalendar
{
    private readonly TimeZoneInfo _timeZone;
    private readonly TimeSpan _idleGap;

    public SessionCalendar(IntegrityOptions options, string exchange)
    {
        ArgumentNullException.ThrowIfNull(options);
        Exchange = exchange;
        var zoneId = options.ExchangeTimeZones.TryGetValue(exchange, out var configured)
            ? configured
            : options.DefaultSessionTimeZone;
        _timeZone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        _idleGap = options.SessionIdleGap;
    }

    /// <summary>The exchange this calendar was built for, as its first user named it (see <see cref="SessionCalendars"/>).</summary>
    public string Exchange { get; }

    /// <summary>True only when <paramref name="tradeTime"/> is after the last trade and crosses a session boundary.</summary>
    public bool IsNewSession(DateTimeOffset tradeTime, DateTimeOffset lastTradeTime)
    {
        if (tradeTime <= lastTradeTime)
        {
            return false;
        }

        return SessionDay(tradeTime) > SessionDay(lastTradeTime) || tradeTime - lastTradeTime >= _idleGap;
    }

    private DateOnly SessionDay(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _timeZone).DateTime);
}

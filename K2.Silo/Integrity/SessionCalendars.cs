using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace K2.Silo.Integrity;

/// <summary>
/// One <see cref="SessionCalendar"/> per exchange for the whole silo: a calendar is immutable and the same for every
/// symbol of its exchange, so thousands of symbol grains share a handful instead of holding one each (32 B per grain).
/// </summary>
public sealed class SessionCalendars(IOptions<IntegrityOptions> options)
{
    private readonly ConcurrentDictionary<string, SessionCalendar> _byExchange = new(StringComparer.Ordinal);

    public SessionCalendar For(string exchange) =>
        _byExchange.GetOrAdd(exchange, static (name, settings) => new SessionCalendar(settings, name), options.Value);
}

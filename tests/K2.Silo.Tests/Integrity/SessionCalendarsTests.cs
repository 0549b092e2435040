using K2.Contracts.Grains;
using K2.Silo.Integrity;
using Microsoft.Extensions.Options;

namespace K2.Silo.Tests.Integrity;

public sealed class SessionCalendarsTests
{
    [Fact]
    public void An_exchange_named_by_different_strings_gets_one_calendar_whose_name_is_the_first_string_and_a_key_keeps_that_instance()
    {
        var calendars = new SessionCalendars(Options.Create(new IntegrityOptions()));
        var first = SymbolKey.Parse("BINANCE/BTCUSDT").Exchange;
        var second = SymbolKey.Parse("BINANCE/ETHUSDT").Exchange;

        var calendar = calendars.For(first);
        var shared = calendars.For(second).Exchange;
        var key = new SymbolKey(shared, "ETHUSDT");

        Assert.NotSame(first, second);
        Assert.Same(calendar, calendars.For(second));
        Assert.Same(first, shared);
        Assert.Same(shared, key.Exchange);
        Assert.NotSame(calendar, calendars.For("ASX"));
    }
}

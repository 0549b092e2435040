using K2.Ingestion.Tests.Asx.Support;

namespace K2.Ingestion.Tests.Asx.Parsing;

public sealed class AsxExchangeClockTests
{
    [Fact]
    public void One_clock_stays_right_when_rows_move_between_ordinary_and_transition_days_in_any_order()
    {
        // The clock caches whole-day offsets; visiting dates back and forth must not leak one day's offset into another.
        var clock = AsxSample.Clock();
        (DateOnly Date, TimeSpan Time, DateTimeOffset? Utc)[] steps =
        [
            (new(2014, 4, 5), new(10, 0, 0), At(2014, 4, 4, 23)),
            (new(2014, 4, 6), new(2, 30, 0), new DateTimeOffset(2014, 4, 5, 15, 30, 0, TimeSpan.Zero)),
            (new(2014, 4, 6), new(3, 0, 0), At(2014, 4, 5, 17)),
            (new(2014, 4, 6), new(1, 0, 0), At(2014, 4, 5, 14)),
            (new(2014, 4, 7), new(10, 0, 0), At(2014, 4, 7, 0)),
            (new(2014, 4, 5), new(10, 0, 0), At(2014, 4, 4, 23)),
            (new(2014, 10, 5), new(2, 30, 0), null),
            (new(2014, 10, 5), new(3, 0, 0), At(2014, 10, 4, 16)),
            (new(2014, 10, 5), new(1, 0, 0), At(2014, 10, 4, 15)),
            (new(2014, 10, 4), new(23, 0, 0), At(2014, 10, 4, 13)),
        ];

        foreach (var (date, time, expected) in steps)
        {
            var converted = clock.TryToUtc(date, time, out var utc);
            Assert.Equal(expected.HasValue, converted);
            if (expected is { } instant)
            {
                Assert.Equal(instant, utc);
            }
        }
    }

    private static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);
}

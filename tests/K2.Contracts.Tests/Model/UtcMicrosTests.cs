using CsCheck;
using K2.Contracts.Model;

namespace K2.Contracts.Tests.Model;

public sealed class UtcMicrosTests
{
    private const int Iterations = 5_000;

    [Fact]
    public void Epoch_is_zero() => Assert.Equal(0, UtcMicros.ToMicros(DateTimeOffset.UnixEpoch));

    [Theory]
    [InlineData(-1, -1)]
    [InlineData(-9, -1)]
    [InlineData(-10, -1)]
    [InlineData(-11, -2)]
    [InlineData(1, 0)]
    [InlineData(9, 0)]
    [InlineData(10, 1)]
    public void Sub_microsecond_ticks_floor_also_before_the_epoch(long ticksFromEpoch, long expectedMicros) =>
        Assert.Equal(expectedMicros, UtcMicros.ToMicros(DateTimeOffset.UnixEpoch.AddTicks(ticksFromEpoch)));

    [Fact]
    public void Offset_does_not_change_the_instant()
    {
        var utc = new DateTimeOffset(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);
        Assert.Equal(UtcMicros.ToMicros(utc), UtcMicros.ToMicros(utc.ToOffset(TimeSpan.FromHours(5.5))));
    }

    [Fact]
    public void Range_ends_are_DateTimeOffsets_range()
    {
        Assert.Equal(DateTimeOffset.MinValue, UtcMicros.FromMicros(UtcMicros.MinMicros));
        Assert.Equal(UtcMicros.Truncate(DateTimeOffset.MaxValue), UtcMicros.FromMicros(UtcMicros.MaxMicros));
        Assert.True(DateTimeOffset.MaxValue.UtcTicks - UtcMicros.FromMicros(UtcMicros.MaxMicros).UtcTicks < TimeSpan.TicksPerMicrosecond);
    }

    [Theory]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    [InlineData(long.MaxValue / 5)]
    [InlineData(253_402_300_800_000_000)]
    [InlineData(-62_135_596_800_000_001)]
    public void Out_of_range_micros_are_refused_instead_of_wrapping(long micros)
    {
        Assert.False(UtcMicros.TryFromMicros(micros, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => UtcMicros.FromMicros(micros));
    }

    [Fact]
    public void Every_micros_value_in_range_round_trips() =>
        Gen.Long[UtcMicros.MinMicros, UtcMicros.MaxMicros].Sample(micros =>
        {
            var value = UtcMicros.FromMicros(micros);
            Assert.Equal(micros, UtcMicros.ToMicros(value));
            Assert.Equal(TimeSpan.Zero, value.Offset);
            Assert.True(UtcMicros.IsWholeMicros(value));
        }, iter: Iterations);

    [Fact]
    public void Truncate_drops_only_sub_microsecond_ticks()
    {
        var value = new DateTimeOffset(1950, 1, 1, 0, 0, 0, TimeSpan.FromHours(-3)).AddTicks(12_345_678);
        var truncated = UtcMicros.Truncate(value);

        Assert.False(UtcMicros.IsWholeMicros(value));
        Assert.True(UtcMicros.IsWholeMicros(truncated));
        Assert.Equal(value.UtcTicks - 8, truncated.UtcTicks);
        Assert.Equal(TimeSpan.Zero, truncated.Offset);
    }
}

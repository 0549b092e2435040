using System.Globalization;
using CsCheck;
using K2.Contracts.Model;

namespace K2.Contracts.Tests.Model;

public sealed class MarketDecimalTests
{
    private const int Iterations = 5_000;

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("0.00000001", 1L)]
    [InlineData("-0.00000001", -1L)]
    [InlineData("0.00012345", 12_345L)]
    [InlineData("1.5", 150_000_000L)]
    [InlineData("9999999999.99999999", MarketDecimal.MaxUnscaled)]
    [InlineData("-9999999999.99999999", -MarketDecimal.MaxUnscaled)]
    [InlineData("1.000000000000000000000", 100_000_000L)]
    public void Values_that_fit_convert_exactly(string printed, long unscaled)
    {
        var value = Parse(printed);

        Assert.True(MarketDecimal.Fits(value));
        Assert.Equal(unscaled, MarketDecimal.ToUnscaled(value));
        Assert.Equal(value, MarketDecimal.FromUnscaled(unscaled));
    }

    [Theory]
    [InlineData("0.000000001")]
    [InlineData("0.000000015")]
    [InlineData("10000000000")]
    [InlineData("-10000000000")]
    [InlineData("9999999999.999999991")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("-79228162514264337593543950335")]
    [InlineData("0.0000000000000000000000000001")]
    public void Values_that_do_not_fit_are_refused_without_overflowing(string printed)
    {
        var value = Parse(printed);

        Assert.False(MarketDecimal.Fits(value));
        Assert.False(MarketDecimal.TryToUnscaled(value, out var unscaled));
        Assert.Equal(0, unscaled);
        Assert.Throws<ArgumentOutOfRangeException>(() => MarketDecimal.ToUnscaled(value));
    }

    [Theory]
    [InlineData(MarketDecimal.MaxUnscaled + 1)]
    [InlineData(-MarketDecimal.MaxUnscaled - 1)]
    [InlineData(long.MaxValue)]
    [InlineData(long.MinValue)]
    public void FromUnscaled_refuses_more_than_18_digits(long unscaled) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MarketDecimal.FromUnscaled(unscaled));

    [Fact]
    public void FromUnscaled_always_has_scale_8_so_small_values_print_in_full()
    {
        Assert.Equal("0.00012345", MarketDecimal.FromUnscaled(12_345).ToString(CultureInfo.InvariantCulture));
        Assert.Equal("1.50000000", MarketDecimal.FromUnscaled(150_000_000).ToString(CultureInfo.InvariantCulture));
        Assert.Equal("0.00000000", MarketDecimal.FromUnscaled(0).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Every_unscaled_value_round_trips() =>
        Gen.Long[-MarketDecimal.MaxUnscaled, MarketDecimal.MaxUnscaled].Sample(unscaled =>
        {
            var value = MarketDecimal.FromUnscaled(unscaled);
            Assert.Equal(MarketDecimal.Scale, value.Scale);
            Assert.Equal(unscaled, MarketDecimal.ToUnscaled(value));
        }, iter: Iterations);

    [Fact]
    public void Fits_agrees_with_a_rounding_check_for_any_decimal() =>
        Gen.Decimal.Sample(value =>
        {
            var fits = Math.Abs(value) <= MarketDecimal.MaxValue && decimal.Round(value, MarketDecimal.Scale) == value;
            Assert.Equal(fits, MarketDecimal.Fits(value));
        }, iter: Iterations);

    [Fact]
    public void Range_constants_agree()
    {
        Assert.Equal(MarketDecimal.MaxValue, MarketDecimal.FromUnscaled(MarketDecimal.MaxUnscaled));
        Assert.Equal(MarketDecimal.MinValue, MarketDecimal.FromUnscaled(-MarketDecimal.MaxUnscaled));
    }

    private static decimal Parse(string printed) => decimal.Parse(printed, NumberStyles.Float, CultureInfo.InvariantCulture);
}

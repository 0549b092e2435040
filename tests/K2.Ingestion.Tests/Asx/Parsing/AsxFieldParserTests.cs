using System.Text;
using K2.Ingestion.Asx.Parsing;

namespace K2.Ingestion.Tests.Asx.Parsing;

public sealed class AsxFieldParserTests
{
    [Theory]
    [InlineData("36.155", "36.155")]
    [InlineData("40.0", "40")]
    [InlineData("0.0", "0")]
    [InlineData("25400", "25400")]
    [InlineData("007.50", "7.5")]
    [InlineData(".5", "0.5")]
    [InlineData("5.", "5")]
    [InlineData("0.00000001", "0.00000001")]
    [InlineData("1.1000000000000", "1.1")]
    [InlineData("9999999999.99999999", "9999999999.99999999")]
    public void Decimals_are_read_exactly(string text, string expected)
    {
        Assert.Equal(AsxNumberStatus.Ok, AsxDecimalParser.TryParse(Encoding.ASCII.GetBytes(text), out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("", AsxNumberStatus.Invalid)]
    [InlineData(".", AsxNumberStatus.Invalid)]
    [InlineData("-", AsxNumberStatus.Invalid)]
    [InlineData("+1", AsxNumberStatus.Invalid)]
    [InlineData("1e3", AsxNumberStatus.Invalid)]
    [InlineData("1,000", AsxNumberStatus.Invalid)]
    [InlineData("1 ", AsxNumberStatus.Invalid)]
    [InlineData("NaN", AsxNumberStatus.Invalid)]
    [InlineData("-1", AsxNumberStatus.Negative)]
    [InlineData("-0.0", AsxNumberStatus.Negative)]
    [InlineData("10000000000", AsxNumberStatus.OutOfRange)]
    [InlineData("0.000000001", AsxNumberStatus.OutOfRange)]
    public void Anything_but_a_plain_non_negative_DECIMAL_18_8_is_refused(string text, AsxNumberStatus expected)
    {
        Assert.Equal(expected, AsxDecimalParser.TryParse(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("10:00:00.000", 10, 0, 0, 0)]
    [InlineData("23:59:59.999", 23, 59, 59, 9_990_000)]
    [InlineData("07:05:19.694", 7, 5, 19, 6_940_000)]
    [InlineData("07:05:19", 7, 5, 19, 0)]
    [InlineData("07:05:19.5", 7, 5, 19, 5_000_000)]
    [InlineData("07:05:19.123456", 7, 5, 19, 1_234_560)]
    public void Times_are_read_to_the_microsecond(string text, int hours, int minutes, int seconds, long subSecondTicks)
    {
        Assert.True(AsxTimestampParser.TryParseTimeOfDay(Encoding.ASCII.GetBytes(text), out var time));
        Assert.Equal(new TimeSpan(hours, minutes, seconds) + TimeSpan.FromTicks(subSecondTicks), time);
    }

    [Theory]
    [InlineData("24:00:00.000")]
    [InlineData("10:60:00.000")]
    [InlineData("10:00:60.000")]
    [InlineData("10:00:00.")]
    [InlineData("10:00:00.1234567")]
    [InlineData("10:00:00,000")]
    [InlineData("1:00:00.000")]
    public void Malformed_times_are_refused(string text)
    {
        Assert.False(AsxTimestampParser.TryParseTimeOfDay(Encoding.ASCII.GetBytes(text), out _));
    }

    [Theory]
    [InlineData("03/11/2014", 2014, 3, 11)]
    [InlineData("02/29/2016", 2016, 2, 29)]
    [InlineData("12/31/2013", 2013, 12, 31)]
    public void Dates_are_month_first(string text, int year, int month, int day)
    {
        Assert.True(AsxTimestampParser.TryParseDate(Encoding.ASCII.GetBytes(text), out var date));
        Assert.Equal(new DateOnly(year, month, day), date);
    }

    [Theory]
    [InlineData("02/29/2014")]
    [InlineData("13/01/2014")]
    [InlineData("00/10/2014")]
    [InlineData("3/11/2014")]
    [InlineData("2014-03-11")]
    [InlineData("03/11/0000")]
    public void Malformed_dates_are_refused(string text)
    {
        Assert.False(AsxTimestampParser.TryParseDate(Encoding.ASCII.GetBytes(text), out _));
    }

    [Fact]
    public void Csv_fields_are_split_on_commas_keeping_empty_ones()
    {
        var line = "a,,bc,"u8;
        Span<Range> fields = stackalloc Range[4];

        Assert.Equal(4, CsvFields.Split(line, fields));
        Assert.Equal("a", Encoding.ASCII.GetString(line[fields[0]]));
        Assert.Equal(string.Empty, Encoding.ASCII.GetString(line[fields[1]]));
        Assert.Equal("bc", Encoding.ASCII.GetString(line[fields[2]]));
        Assert.Equal(string.Empty, Encoding.ASCII.GetString(line[fields[3]]));
    }

    [Fact]
    public void More_csv_fields_than_room_for_is_reported_as_room_plus_one()
    {
        Span<Range> fields = stackalloc Range[3];

        Assert.Equal(4, CsvFields.Split("a,b,c,d,e"u8, fields));
    }

    [Fact]
    public void Pooled_strings_are_shared_and_invalid_UTF8_is_refused()
    {
        var pool = new Utf8StringPool(capacity: 8);

        Assert.True(pool.TryGet("X"u8, out var first));
        Assert.True(pool.TryGet("X"u8, out var second));
        Assert.Same(first, second);
        Assert.False(pool.TryGet([0xC3, 0x28], out _));
    }
}

using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Iceberg.Values;

namespace K2.Lakehouse.Tests.Iceberg;

/// <summary>Appendix D binary single-value serialization, checked against the spec's own examples where it gives them.</summary>
public sealed class SingleValueTests
{
    [Fact]
    public void Uuid_is_sixteen_big_endian_bytes() =>
        Assert.Equal(
            Convert.FromHexString("F79C3E09677C4BBDA4793F349CB785E7"),
            SingleValue.Serialize(PrimitiveType.Uuid, Guid.Parse("f79c3e09-677c-4bbd-a479-3f349cb785e7")));

    [Theory]
    [InlineData("14.20", 9, 2, "058C")]
    [InlineData("0.00012345", 18, 8, "3039")]
    [InlineData("-0.00000001", 18, 8, "FF")]
    [InlineData("1.28", 18, 2, "0080")]
    [InlineData("-9999999999.99999999", 18, 8, "F21F494C589C0001")]
    public void Decimal_is_the_unscaled_value_in_minimal_twos_complement_big_endian(string value, int precision, int scale, string hex)
    {
        var type = PrimitiveType.Decimal(precision, scale);
        var number = decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture);

        var bytes = SingleValue.Serialize(type, number);

        Assert.Equal(Convert.FromHexString(hex), bytes);
        Assert.Equal(number, (decimal)SingleValue.Deserialize(type, bytes));
    }

    [Fact]
    public void Longs_timestamps_ints_and_dates_are_little_endian()
    {
        Assert.Equal(Convert.FromHexString("0100000000000080"), SingleValue.Serialize(PrimitiveType.Long, long.MinValue + 1));
        Assert.Equal(Convert.FromHexString("40E20100"), SingleValue.Serialize(PrimitiveType.Date, 123_456));
        Assert.Equal(1_773_136_800_123_456L, SingleValue.Deserialize(PrimitiveType.TimestampTz, SingleValue.Serialize(PrimitiveType.TimestampTz, 1_773_136_800_123_456L)));
    }

    [Fact]
    public void Strings_are_utf8_without_length_and_compare_by_bytes()
    {
        Assert.Equal("é"u8.ToArray(), SingleValue.Serialize(PrimitiveType.String, "é"));
        // U+FF21 sorts before U+1F600 by UTF-8 bytes (and code points), but after it in UTF-16 ordinal order.
        Assert.True(SingleValue.Compare(PrimitiveType.String, "\uFF21", "\U0001F600") < 0);
    }

    [Theory]
    [InlineData(0L, 0)]
    [InlineData(86_399_999_999L, 0)]
    [InlineData(-1L, -1)]
    [InlineData(1_773_187_199_999_999L, 20_522)]
    public void Day_transform_floors_to_days_since_epoch(long micros, int day) => Assert.Equal(day, Transform.DayOf(micros));

    [Fact]
    public void String_and_uuid_order_is_the_order_of_their_bytes_for_every_pair()
    {
        string[] strings = ["", "A", "a", "AB", "BHP", "BHP.AX", "\u00e9", "\u07ff", "\u0800", "\uE000", "\uFF21", "\uFFFF", "\U0001F600", "x\U0001F600", "x\uFFFF"];
        foreach (var left in strings)
        {
            foreach (var right in strings)
            {
                var expected = Math.Sign(System.Text.Encoding.UTF8.GetBytes(left).AsSpan().SequenceCompareTo(System.Text.Encoding.UTF8.GetBytes(right)));
                Assert.Equal(expected, Math.Sign(SingleValue.Compare(PrimitiveType.String, left, right)));
            }
        }

        var uuids = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        foreach (var left in uuids)
        {
            foreach (var right in uuids)
            {
                var expected = Math.Sign(left.ToByteArray(bigEndian: true).AsSpan().SequenceCompareTo(right.ToByteArray(bigEndian: true)));
                Assert.Equal(expected, Math.Sign(SingleValue.Compare(PrimitiveType.Uuid, left, right)));
            }
        }
    }
}

using CsCheck;
using K2.Contracts.Avro;
using K2.Contracts.Model;

namespace K2.Contracts.Tests.Avro;

/// <summary>The shared reader/writer against the Avro spec's encodings, independent of any record.</summary>
public sealed class AvroBinaryPrimitiveTests
{
    private const int Iterations = 5_000;
    private const int ScratchLength = 64;
    private const string Field = "f";

    [Theory]
    [InlineData(0L, new byte[] { 0x00 })]
    [InlineData(-1L, new byte[] { 0x01 })]
    [InlineData(1L, new byte[] { 0x02 })]
    [InlineData(-64L, new byte[] { 0x7F })]
    [InlineData(64L, new byte[] { 0x80, 0x01 })]
    [InlineData(long.MaxValue, new byte[] { 0xFE, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    [InlineData(long.MinValue, new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01 })]
    public void Long_zigzag_varints_match_the_spec(long value, byte[] expected)
    {
        Assert.Equal(expected, Write((ref w) => w.WriteLong(value)));
        var reader = new AvroBinaryReader(expected);
        Assert.Equal(value, reader.ReadLong(Field));
        Assert.False(reader.Failed);
        Assert.Equal(0, reader.Remaining);
    }

    [Fact]
    public void Every_long_and_int_round_trips()
    {
        Gen.Long.Sample(value =>
        {
            var reader = new AvroBinaryReader(Write((ref w) => w.WriteLong(value)));
            Assert.Equal(value, reader.ReadLong(Field));
            Assert.Equal(0, reader.Remaining);
        }, iter: Iterations);

        Gen.Int.Sample(value =>
        {
            var reader = new AvroBinaryReader(Write((ref w) => w.WriteInt(value)));
            Assert.Equal(value, reader.ReadInt(Field));
            Assert.Equal(0, reader.Remaining);
        }, iter: Iterations);
    }

    [Theory]
    [InlineData("0", new byte[] { 0x00 })]
    [InlineData("0.00000001", new byte[] { 0x01 })]
    [InlineData("-0.00000001", new byte[] { 0xFF })]
    [InlineData("0.00000127", new byte[] { 0x7F })]
    [InlineData("0.00000128", new byte[] { 0x00, 0x80 })]
    [InlineData("-0.00000128", new byte[] { 0x80 })]
    [InlineData("-0.00000129", new byte[] { 0xFF, 0x7F })]
    [InlineData("9999999999.99999999", new byte[] { 0x0D, 0xE0, 0xB6, 0xB3, 0xA7, 0x63, 0xFF, 0xFF })]
    [InlineData("-9999999999.99999999", new byte[] { 0xF2, 0x1F, 0x49, 0x4C, 0x58, 0x9C, 0x00, 0x01 })]
    public void Decimals_are_minimal_big_endian_twos_complement(string printed, byte[] expected)
    {
        var value = decimal.Parse(printed, System.Globalization.CultureInfo.InvariantCulture);
        var bytes = Write((ref w) => w.WriteDecimal(value, Field));

        Assert.Equal([(byte)(expected.Length * 2), .. expected], bytes);
        var reader = new AvroBinaryReader(bytes);
        Assert.Equal(value, reader.ReadDecimal(Field));
        Assert.False(reader.Failed);
    }

    [Fact]
    public void Every_unscaled_value_round_trips_through_the_decimal_encoding() =>
        Gen.Long[-MarketDecimal.MaxUnscaled, MarketDecimal.MaxUnscaled].Sample(unscaled =>
        {
            var value = MarketDecimal.FromUnscaled(unscaled);
            var reader = new AvroBinaryReader(Write((ref w) => w.WriteDecimal(value, Field)));
            Assert.Equal(unscaled, MarketDecimal.ToUnscaled(reader.ReadDecimal(Field)));
            Assert.Equal(0, reader.Remaining);
        }, iter: Iterations);

    [Fact]
    public void Strings_are_length_prefixed_utf8()
    {
        Assert.Equal([0x06, (byte)'f', (byte)'o', (byte)'o'], Write((ref w) => w.WriteString("foo", Field)));
        Assert.Equal([0x04, 0xC3, 0xA9], Write((ref w) => w.WriteString("é", Field)));
        Assert.Equal([0x00], Write((ref w) => w.WriteString(string.Empty, Field)));
    }

    [Fact]
    public void Union_and_empty_collections_match_the_spec()
    {
        Assert.Equal([0x00], Write((ref w) => w.WriteNullableLong(null)));
        Assert.Equal([0x02, 0x02], Write((ref w) => w.WriteNullableLong(1)));
        Assert.Equal([0x00], Write((ref w) => w.WriteStringArray([], Field)));
        Assert.Equal([0x00], Write((ref w) => w.WriteStringMap(new Dictionary<string, string>(), Field)));
        Assert.Equal([0x02, 0x02, (byte)'a', 0x00], Write((ref w) => w.WriteStringArray(["a"], Field)));
    }

    [Fact]
    public void After_the_first_failure_reads_return_defaults_and_the_first_error_is_kept()
    {
        var reader = new AvroBinaryReader([0x01, 0x02, 0x03]);

        Assert.Equal(string.Empty, reader.ReadString("first"));
        Assert.Equal(0L, reader.ReadLong("second"));
        Assert.Empty(reader.ReadStringArray("third"));
        Assert.Empty(reader.ReadStringMap("fourth"));
        Assert.Equal(new AvroDecodeError(AvroDecodeErrorReason.NegativeLength, 0, "first"), reader.Error);
    }

    [Fact]
    public void Reader_start_offset_is_validated() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new AvroBinaryReader(new byte[2], 3));

    private static byte[] Write(RawField write)
    {
        var buffer = new byte[ScratchLength];
        var writer = new AvroBinaryWriter(buffer);
        write(ref writer);
        return buffer[..writer.Position];
    }
}

using System.Buffers.Binary;
using K2.Lakehouse.Parquet.Thrift;
using K2.Lakehouse.Tests.Infrastructure;
using K2.Lakehouse.Writing;

namespace K2.Lakehouse.Tests.Parquet;

/// <summary>The generic Thrift codec must carry every footer field through unchanged.</summary>
public sealed class CompactProtocolTests : IDisposable
{
    private readonly LocalTable _table = new();

    public void Dispose() => _table.Dispose();

    [Fact]
    public async Task A_real_parquet_footer_round_trips_byte_for_byte()
    {
        var file = (await _table.Writer.WriteAsync(_table.Metadata, MarketDataSamples.Trades(3), MarketDataLayouts.Trades, CancellationToken.None))[0];
        var bytes = await File.ReadAllBytesAsync(_table.PathOf(file.Location));
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(bytes.Length - 8));
        var footer = bytes.AsMemory(bytes.Length - 8 - length, length);

        var reader = new CompactProtocolReader(footer);
        var decoded = reader.ReadStruct();

        Assert.Equal(length, reader.Position);
        Assert.Equal(footer.ToArray(), CompactProtocolWriter.Serialize(decoded));
    }

    [Fact]
    public void Field_ids_beyond_a_delta_of_15_and_negative_integers_survive()
    {
        var value = new ThriftStruct();
        value.Set(1, new ThriftInteger(CompactType.I32, -5));
        value.Set(40, new ThriftBinary([1, 2, 3]));
        value.Set(41, new ThriftList(CompactType.I64, Enumerable.Range(0, 20).Select(i => (ThriftValue)new ThriftInteger(CompactType.I64, -i * 1_000_000_000_000L)).ToList()));
        value.Set(42, new ThriftBool(false));

        var decoded = new CompactProtocolReader(CompactProtocolWriter.Serialize(value)).ReadStruct();

        Assert.Equal(CompactProtocolWriter.Serialize(value), CompactProtocolWriter.Serialize(decoded));
        Assert.Equal(new ThriftInteger(CompactType.I32, -5), decoded.Get(1));
        Assert.Equal(20, ((ThriftList)decoded.Get(41)!).Elements.Count);
        Assert.Equal(new ThriftBool(false), decoded.Get(42));
    }
}

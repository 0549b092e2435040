using System.Buffers;
using K2.Contracts.Avro;
using K2.Contracts.Model;

namespace K2.Kafka.Serialization;

/// <summary>Trades as Avro single-object messages of <c>io.k2.marketdata.v2.Trade</c> (the production wire format).</summary>
public sealed class AvroTradeSerializer : IRecordSerializer<Trade>
{
    public string SchemaName => TradeAvroCodec.Schema.FullName;

    public void Serialize(Trade record, IBufferWriter<byte> destination) => TradeAvroCodec.Encode(record, destination);

    /// <exception cref="AvroDecodeException">The bytes are not a valid Trade message.</exception>
    public Trade Deserialize(ReadOnlySpan<byte> payload) => TradeAvroCodec.Decode(payload);
}

using System.Buffers;
using K2.Contracts.Avro;
using K2.Contracts.Model;

namespace K2.Kafka.Serialization;

/// <summary>Quotes as Avro single-object messages of <c>io.k2.marketdata.v2.Quote</c> (the production wire format).</summary>
public sealed class AvroQuoteSerializer : IRecordSerializer<Quote>
{
    public string SchemaName => QuoteAvroCodec.Schema.FullName;

    public void Serialize(Quote record, IBufferWriter<byte> destination) => QuoteAvroCodec.Encode(record, destination);

    /// <exception cref="AvroDecodeException">The bytes are not a valid Quote message.</exception>
    public Quote Deserialize(ReadOnlySpan<byte> payload) => QuoteAvroCodec.Decode(payload);
}

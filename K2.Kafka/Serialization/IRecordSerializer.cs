using System.Buffers;

namespace K2.Kafka.Serialization;

/// <summary>
/// Encodes one record type as a Kafka value and back. K2.Kafka depends only on this, so the wire format (the Avro
/// single-object encoding in production) is chosen where services are wired, not here.
/// </summary>
public interface IRecordSerializer<T>
{
    /// <summary>Full name of the schema the value is written with, sent in the <c>k2-schema</c> header.</summary>
    string SchemaName { get; }

    /// <summary>Writes <paramref name="record"/> into <paramref name="destination"/> (a pooled, reused buffer).</summary>
    void Serialize(T record, IBufferWriter<byte> destination);

    /// <summary>Reads one record; throws when <paramref name="payload"/> is not a valid encoding of the schema.</summary>
    T Deserialize(ReadOnlySpan<byte> payload);
}

using System.Buffers;
using System.Text.Json;
using K2.Kafka.Serialization;

namespace K2.Kafka.Tests.Infrastructure;

/// <summary>A deliberately trivial value format for tests that are about Kafka, not about the Avro codec.</summary>
internal sealed class JsonRecordSerializer<T>(string schemaName) : IRecordSerializer<T>
{
    public string SchemaName { get; } = schemaName;

    public void Serialize(T record, IBufferWriter<byte> destination)
    {
        using var writer = new Utf8JsonWriter(destination);
        JsonSerializer.Serialize(writer, record);
    }

    public T Deserialize(ReadOnlySpan<byte> payload) =>
        JsonSerializer.Deserialize<T>(payload) ?? throw new JsonException("A null record.");
}

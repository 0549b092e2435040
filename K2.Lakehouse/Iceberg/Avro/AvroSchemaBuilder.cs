using System.Text.Json;

namespace K2.Lakehouse.Iceberg.Avro;

/// <summary>
/// Small helpers to emit Avro schema JSON with Iceberg's id attributes (spec Appendix A, "Field IDs"):
/// <c>field-id</c> on record fields, <c>element-id</c> on arrays, and key/value records for int-keyed maps.
/// </summary>
internal static class AvroSchemaBuilder
{
    public static void Field(Utf8JsonWriter writer, string name, int fieldId, Action<Utf8JsonWriter> type)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WritePropertyName("type");
        type(writer);
        writer.WriteNumber("field-id", fieldId);
        writer.WriteEndObject();
    }

    /// <summary>An optional field: a union with null first and a null default, as the spec requires.</summary>
    public static void OptionalField(Utf8JsonWriter writer, string name, int fieldId, Action<Utf8JsonWriter> type)
    {
        writer.WriteStartObject();
        writer.WriteString("name", name);
        writer.WritePropertyName("type");
        writer.WriteStartArray();
        writer.WriteStringValue("null");
        type(writer);
        writer.WriteEndArray();
        writer.WriteNull("default");
        writer.WriteNumber("field-id", fieldId);
        writer.WriteEndObject();
    }

    public static Action<Utf8JsonWriter> Primitive(string name) => writer => writer.WriteStringValue(name);

    public static Action<Utf8JsonWriter> Logical(string type, string logicalType) => writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("type", type);
        writer.WriteString("logicalType", logicalType);
        writer.WriteEndObject();
    };

    public static Action<Utf8JsonWriter> Record(string name, Action<Utf8JsonWriter> fields) => writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("type", "record");
        writer.WriteString("name", name);
        writer.WriteStartArray("fields");
        fields(writer);
        writer.WriteEndArray();
        writer.WriteEndObject();
    };

    public static Action<Utf8JsonWriter> Array(int elementId, Action<Utf8JsonWriter> items) => writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("type", "array");
        writer.WritePropertyName("items");
        items(writer);
        writer.WriteNumber("element-id", elementId);
        writer.WriteEndObject();
    };

    /// <summary>
    /// A map with non-string keys: an array of key/value records carrying <c>logicalType: map</c>. Readers such as
    /// pyiceberg rely on that annotation to see a map rather than a list of records.
    /// </summary>
    public static Action<Utf8JsonWriter> IntKeyedMap(int keyId, int valueId, string valueType) => writer =>
    {
        writer.WriteStartObject();
        writer.WriteString("type", "array");
        writer.WriteString("logicalType", "map");
        writer.WritePropertyName("items");
        Record($"k{keyId}_v{valueId}", fields =>
        {
            Field(fields, "key", keyId, Primitive("int"));
            Field(fields, "value", valueId, Primitive(valueType));
        })(writer);
        writer.WriteEndObject();
    };

    public static string Build(Action<Utf8JsonWriter> root)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            root(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

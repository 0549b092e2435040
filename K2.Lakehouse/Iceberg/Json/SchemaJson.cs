using System.Text.Json;
using K2.Lakehouse.Iceberg.Types;

namespace K2.Lakehouse.Iceberg.Json;

/// <summary>JSON for schemas, partition specs and sort orders (spec Appendix C).</summary>
public static class SchemaJson
{
    public static void WriteSchema(Utf8JsonWriter writer, IcebergSchema schema)
    {
        writer.WriteStartObject();
        writer.WriteString("type", "struct");
        writer.WriteNumber("schema-id", schema.SchemaId);
        writer.WriteStartArray("fields");
        foreach (var field in schema.Fields)
        {
            WriteField(writer, field);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>The schema as a standalone JSON string, as manifests and Parquet footers embed it.</summary>
    public static string SchemaToString(IcebergSchema schema) => Write(writer => WriteSchema(writer, schema));

    /// <summary>Only the fields array of a spec, as the manifest <c>partition-spec</c> key requires.</summary>
    public static string PartitionFieldsToString(PartitionSpec spec) => Write(writer => WritePartitionFields(writer, spec));

    public static void WritePartitionSpec(Utf8JsonWriter writer, PartitionSpec spec)
    {
        writer.WriteStartObject();
        writer.WriteNumber("spec-id", spec.SpecId);
        writer.WritePropertyName("fields");
        WritePartitionFields(writer, spec);
        writer.WriteEndObject();
    }

    public static void WriteSortOrder(Utf8JsonWriter writer, SortOrder order)
    {
        writer.WriteStartObject();
        writer.WriteNumber("order-id", order.OrderId);
        writer.WriteStartArray("fields");
        foreach (var field in order.Fields)
        {
            writer.WriteStartObject();
            writer.WriteString("transform", field.Transform.ToString());
            writer.WriteNumber("source-id", field.SourceId);
            writer.WriteString("direction", field.Direction == SortDirection.Ascending ? "asc" : "desc");
            writer.WriteString("null-order", field.NullOrder == NullOrder.NullsFirst ? "nulls-first" : "nulls-last");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static IcebergSchema ReadSchema(JsonElement element)
    {
        var fields = element.GetProperty("fields").EnumerateArray().Select(ReadField).ToList();
        return new IcebergSchema(element.GetProperty("schema-id").GetInt32(), fields);
    }

    public static PartitionSpec ReadPartitionSpec(JsonElement element) => new(
        element.GetProperty("spec-id").GetInt32(),
        element.GetProperty("fields").EnumerateArray().Select(f => new PartitionField(
            f.GetProperty("source-id").GetInt32(),
            f.GetProperty("field-id").GetInt32(),
            f.GetProperty("name").GetString()!,
            Transform.Parse(f.GetProperty("transform").GetString()!))).ToList());

    public static SortOrder ReadSortOrder(JsonElement element) => new(
        element.GetProperty("order-id").GetInt32(),
        element.GetProperty("fields").EnumerateArray().Select(f => new SortField(
            f.GetProperty("source-id").GetInt32(),
            Transform.Parse(f.GetProperty("transform").GetString()!),
            f.GetProperty("direction").GetString() == "desc" ? SortDirection.Descending : SortDirection.Ascending,
            f.GetProperty("null-order").GetString() == "nulls-last" ? NullOrder.NullsLast : NullOrder.NullsFirst)).ToList());

    private static void WritePartitionFields(Utf8JsonWriter writer, PartitionSpec spec)
    {
        writer.WriteStartArray();
        foreach (var field in spec.Fields)
        {
            writer.WriteStartObject();
            writer.WriteNumber("source-id", field.SourceId);
            writer.WriteNumber("field-id", field.FieldId);
            writer.WriteString("name", field.Name);
            writer.WriteString("transform", field.Transform.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteField(Utf8JsonWriter writer, NestedField field)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id", field.Id);
        writer.WriteString("name", field.Name);
        writer.WriteBoolean("required", field.Required);
        writer.WritePropertyName("type");
        WriteType(writer, field.Type);
        if (field.Doc is not null)
        {
            writer.WriteString("doc", field.Doc);
        }

        writer.WriteEndObject();
    }

    private static void WriteType(Utf8JsonWriter writer, IcebergType type)
    {
        switch (type)
        {
            case PrimitiveType primitive:
                writer.WriteStringValue(primitive.ToString());
                break;
            case ListType list:
                writer.WriteStartObject();
                writer.WriteString("type", "list");
                writer.WriteNumber("element-id", list.ElementId);
                writer.WritePropertyName("element");
                WriteType(writer, list.Element);
                writer.WriteBoolean("element-required", list.ElementRequired);
                writer.WriteEndObject();
                break;
            case MapType map:
                writer.WriteStartObject();
                writer.WriteString("type", "map");
                writer.WriteNumber("key-id", map.KeyId);
                writer.WritePropertyName("key");
                WriteType(writer, map.Key);
                writer.WriteNumber("value-id", map.ValueId);
                writer.WritePropertyName("value");
                WriteType(writer, map.Value);
                writer.WriteBoolean("value-required", map.ValueRequired);
                writer.WriteEndObject();
                break;
            default:
                throw new NotSupportedException($"Cannot serialise type {type}.");
        }
    }

    private static NestedField ReadField(JsonElement element) => new(
        element.GetProperty("id").GetInt32(),
        element.GetProperty("name").GetString()!,
        element.GetProperty("required").GetBoolean(),
        ReadType(element.GetProperty("type")),
        element.TryGetProperty("doc", out var doc) ? doc.GetString() : null);

    private static IcebergType ReadType(JsonElement element)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return ParsePrimitive(element.GetString()!);
        }

        return element.GetProperty("type").GetString() switch
        {
            "list" => new ListType(
                element.GetProperty("element-id").GetInt32(),
                element.GetProperty("element-required").GetBoolean(),
                ReadType(element.GetProperty("element"))),
            "map" => new MapType(
                element.GetProperty("key-id").GetInt32(),
                ReadType(element.GetProperty("key")),
                element.GetProperty("value-id").GetInt32(),
                element.GetProperty("value-required").GetBoolean(),
                ReadType(element.GetProperty("value"))),
            var other => throw new NotSupportedException($"Type '{other}' is not supported by K2."),
        };
    }

    private static PrimitiveType ParsePrimitive(string text)
    {
        switch (text)
        {
            case "boolean": return PrimitiveType.Boolean;
            case "int": return PrimitiveType.Int;
            case "long": return PrimitiveType.Long;
            case "date": return PrimitiveType.Date;
            case "timestamptz": return PrimitiveType.TimestampTz;
            case "string": return PrimitiveType.String;
            case "uuid": return PrimitiveType.Uuid;
        }

        // decimal(P,S) or decimal(P, S): the spec allows the space.
        if (text.StartsWith("decimal(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            var parts = text["decimal(".Length..^1].Split(',', StringSplitOptions.TrimEntries);
            return PrimitiveType.Decimal(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        throw new NotSupportedException($"Type '{text}' is not supported by K2.");
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }
}

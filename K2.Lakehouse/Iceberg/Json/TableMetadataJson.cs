using System.Text.Json;
using K2.Lakehouse.Iceberg.Metadata;

namespace K2.Lakehouse.Iceberg.Json;

/// <summary>Reads and writes v2 table metadata JSON (spec Appendix C, "Table Metadata and Snapshots").</summary>
public static class TableMetadataJson
{
    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true };

    public static byte[] Write(TableMetadata metadata)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteNumber("format-version", metadata.FormatVersion);
            writer.WriteString("table-uuid", metadata.TableUuid.ToString("D"));
            writer.WriteString("location", metadata.Location);
            writer.WriteNumber("last-sequence-number", metadata.LastSequenceNumber);
            writer.WriteNumber("last-updated-ms", metadata.LastUpdatedMs);
            writer.WriteNumber("last-column-id", metadata.LastColumnId);
            writer.WriteNumber("current-schema-id", metadata.CurrentSchemaId);
            writer.WriteStartArray("schemas");
            foreach (var schema in metadata.Schemas)
            {
                SchemaJson.WriteSchema(writer, schema);
            }

            writer.WriteEndArray();
            writer.WriteNumber("default-spec-id", metadata.DefaultSpecId);
            writer.WriteStartArray("partition-specs");
            foreach (var spec in metadata.PartitionSpecs)
            {
                SchemaJson.WritePartitionSpec(writer, spec);
            }

            writer.WriteEndArray();
            writer.WriteNumber("last-partition-id", metadata.LastPartitionId);
            writer.WriteNumber("default-sort-order-id", metadata.DefaultSortOrderId);
            writer.WriteStartArray("sort-orders");
            foreach (var order in metadata.SortOrders)
            {
                SchemaJson.WriteSortOrder(writer, order);
            }

            writer.WriteEndArray();
            WriteStringMap(writer, "properties", metadata.Properties);
            if (metadata.CurrentSnapshotId is { } current)
            {
                writer.WriteNumber("current-snapshot-id", current);
            }

            WriteRefs(writer, metadata);
            WriteSnapshots(writer, metadata);
            writer.WriteStartArray("snapshot-log");
            foreach (var entry in metadata.SnapshotLog)
            {
                writer.WriteStartObject();
                writer.WriteNumber("timestamp-ms", entry.TimestampMs);
                writer.WriteNumber("snapshot-id", entry.SnapshotId);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("metadata-log");
            foreach (var entry in metadata.MetadataLog)
            {
                writer.WriteStartObject();
                writer.WriteNumber("timestamp-ms", entry.TimestampMs);
                writer.WriteString("metadata-file", entry.MetadataFile);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    public static TableMetadata Read(ReadOnlyMemory<byte> json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var formatVersion = root.GetProperty("format-version").GetInt32();
        if (formatVersion > TableMetadata.SupportedFormatVersion)
        {
            // Spec: implementations must throw if a table's version is higher than the supported version.
            throw new NotSupportedException($"Table format version {formatVersion} is newer than K2 supports ({TableMetadata.SupportedFormatVersion}).");
        }

        var currentSnapshotId = root.TryGetProperty("current-snapshot-id", out var current) && current.ValueKind == JsonValueKind.Number
            ? current.GetInt64()
            : (long?)null;
        return new TableMetadata
        {
            FormatVersion = formatVersion,
            TableUuid = Guid.Parse(root.GetProperty("table-uuid").GetString()!),
            Location = root.GetProperty("location").GetString()!,
            LastSequenceNumber = root.GetProperty("last-sequence-number").GetInt64(),
            LastUpdatedMs = root.GetProperty("last-updated-ms").GetInt64(),
            LastColumnId = root.GetProperty("last-column-id").GetInt32(),
            Schemas = root.GetProperty("schemas").EnumerateArray().Select(SchemaJson.ReadSchema).ToList(),
            CurrentSchemaId = root.GetProperty("current-schema-id").GetInt32(),
            PartitionSpecs = root.GetProperty("partition-specs").EnumerateArray().Select(SchemaJson.ReadPartitionSpec).ToList(),
            DefaultSpecId = root.GetProperty("default-spec-id").GetInt32(),
            LastPartitionId = root.GetProperty("last-partition-id").GetInt32(),
            Properties = ReadStringMap(root, "properties"),
            // Java writes -1 for "no current snapshot" in v1/v2 tables; treat it as absent.
            CurrentSnapshotId = currentSnapshotId is -1 ? null : currentSnapshotId,
            Snapshots = ReadArray(root, "snapshots", ReadSnapshot),
            SnapshotLog = ReadArray(root, "snapshot-log", e => new SnapshotLogEntry(e.GetProperty("timestamp-ms").GetInt64(), e.GetProperty("snapshot-id").GetInt64())),
            MetadataLog = ReadArray(root, "metadata-log", e => new MetadataLogEntry(e.GetProperty("timestamp-ms").GetInt64(), e.GetProperty("metadata-file").GetString()!)),
            SortOrders = root.GetProperty("sort-orders").EnumerateArray().Select(SchemaJson.ReadSortOrder).ToList(),
            DefaultSortOrderId = root.GetProperty("default-sort-order-id").GetInt32(),
            Refs = ReadRefs(root, currentSnapshotId is -1 ? null : currentSnapshotId),
        };
    }

    private static void WriteSnapshots(Utf8JsonWriter writer, TableMetadata metadata)
    {
        writer.WriteStartArray("snapshots");
        foreach (var snapshot in metadata.Snapshots)
        {
            writer.WriteStartObject();
            writer.WriteNumber("snapshot-id", snapshot.SnapshotId);
            if (snapshot.ParentSnapshotId is { } parent)
            {
                writer.WriteNumber("parent-snapshot-id", parent);
            }

            writer.WriteNumber("sequence-number", snapshot.SequenceNumber);
            writer.WriteNumber("timestamp-ms", snapshot.TimestampMs);
            writer.WriteString("manifest-list", snapshot.ManifestList);
            WriteStringMap(writer, "summary", snapshot.Summary);
            if (snapshot.SchemaId is { } schemaId)
            {
                writer.WriteNumber("schema-id", schemaId);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteRefs(Utf8JsonWriter writer, TableMetadata metadata)
    {
        writer.WriteStartObject("refs");
        foreach (var (name, reference) in metadata.Refs.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            writer.WriteStartObject(name);
            writer.WriteNumber("snapshot-id", reference.SnapshotId);
            writer.WriteString("type", reference.Type);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteStringMap(Utf8JsonWriter writer, string name, IReadOnlyDictionary<string, string> map)
    {
        writer.WriteStartObject(name);
        foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            writer.WriteString(key, value);
        }

        writer.WriteEndObject();
    }

    private static Snapshot ReadSnapshot(JsonElement e) => new(
        e.GetProperty("snapshot-id").GetInt64(),
        e.TryGetProperty("parent-snapshot-id", out var parent) && parent.ValueKind == JsonValueKind.Number ? parent.GetInt64() : null,
        e.TryGetProperty("sequence-number", out var sequence) ? sequence.GetInt64() : 0,
        e.GetProperty("timestamp-ms").GetInt64(),
        e.GetProperty("manifest-list").GetString()!,
        ReadStringMap(e, "summary"),
        e.TryGetProperty("schema-id", out var schemaId) && schemaId.ValueKind == JsonValueKind.Number ? schemaId.GetInt32() : null);

    /// <summary>Spec: there is always a main branch, even when <c>refs</c> is absent (older writers): it is the current snapshot.</summary>
    private static Dictionary<string, SnapshotReference> ReadRefs(JsonElement root, long? currentSnapshotId)
    {
        var refs = new Dictionary<string, SnapshotReference>(StringComparer.Ordinal);
        if (root.TryGetProperty("refs", out var element) && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                refs[property.Name] = new SnapshotReference(property.Value.GetProperty("snapshot-id").GetInt64(), property.Value.GetProperty("type").GetString()!);
            }
        }

        if (!refs.ContainsKey(SnapshotReference.Main) && currentSnapshotId is { } current)
        {
            refs[SnapshotReference.Main] = new SnapshotReference(current, SnapshotReference.Branch);
        }

        return refs;
    }

    private static Dictionary<string, string> ReadStringMap(JsonElement parent, string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (parent.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                map[property.Name] = property.Value.GetString() ?? string.Empty;
            }
        }

        return map;
    }

    private static List<T> ReadArray<T>(JsonElement root, string name, Func<JsonElement, T> read) =>
        root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.Array
            ? element.EnumerateArray().Select(read).ToList()
            : [];
}

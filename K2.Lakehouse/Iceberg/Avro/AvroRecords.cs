using Avro;
using Avro.Generic;

namespace K2.Lakehouse.Iceberg.Avro;

/// <summary>Navigation and conversion helpers for Apache.Avro generic records.</summary>
internal static class AvroRecords
{
    /// <summary>The record schema of <paramref name="field"/>, looking through an optional union.</summary>
    public static RecordSchema RecordOf(RecordSchema parent, string field) => (RecordSchema)Unwrap(parent[field].Schema);

    /// <summary>The item record of an array field (e.g. the key/value record of a map stored as an array).</summary>
    public static RecordSchema ItemRecordOf(RecordSchema parent, string field) => (RecordSchema)((ArraySchema)Unwrap(parent[field].Schema)).ItemSchema;

    public static object[]? IntKeyedMap<TValue>(RecordSchema entrySchema, IReadOnlyDictionary<int, TValue> map)
    {
        if (map.Count == 0)
        {
            return null;
        }

        return map.OrderBy(p => p.Key).Select(pair =>
        {
            var entry = new GenericRecord(entrySchema);
            entry.Add("key", pair.Key);
            entry.Add("value", pair.Value);
            return (object)entry;
        }).ToArray();
    }

    public static Dictionary<int, TValue> ReadIntKeyedMap<TValue>(object? value)
    {
        var map = new Dictionary<int, TValue>();
        if (value is IEnumerable<object> entries)
        {
            foreach (var entry in entries.Cast<GenericRecord>())
            {
                map[(int)entry["key"]] = (TValue)entry["value"];
            }
        }

        return map;
    }

    /// <summary>Reads a field that may be absent from older writers' schemas (spec: read v2-required as optional for v1).</summary>
    public static object? Optional(GenericRecord record, string field) =>
        record.TryGetValue(field, out var value) ? value : null;

    private static Schema Unwrap(Schema schema) =>
        schema is UnionSchema union ? union.Schemas.Single(s => s.Tag != Schema.Type.Null) : schema;
}

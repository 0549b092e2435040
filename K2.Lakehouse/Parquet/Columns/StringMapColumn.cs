using K2.Lakehouse.Iceberg.Types;
using Parquet;
using Parquet.Schema;
using ParquetField = Parquet.Schema.Field;

namespace K2.Lakehouse.Parquet.Columns;

/// <summary>
/// <c>map&lt;string,string&gt;</c> in the standard layout (<c>name.key_value.key</c> / <c>.value</c>). Parquet.Net
/// always writes the MAP group OPTIONAL. Entries are written in ordinal key order so files are deterministic.
/// </summary>
internal sealed class StringMapColumn : ParquetColumn
{
    private const string KeyValueGroup = "key_value";
    private readonly MapType _type;
    private readonly DataField _key;
    private readonly DataField _value;
    private readonly MapField _map;

    public StringMapColumn(NestedField field)
        : base(field)
    {
        _type = (MapType)field.Type;
        _key = new DataField("key", typeof(string), isNullable: false) { FieldId = _type.KeyId };
        _value = new DataField("value", typeof(string), isNullable: !_type.ValueRequired) { FieldId = _type.ValueId };
        _map = new MapField(field.Name, _key, _value);
    }

    public override ParquetField ParquetField => _map;

    public override IReadOnlyDictionary<string, int> LeafFieldIds => new Dictionary<string, int>
    {
        [$"{Field.Name}.{KeyValueGroup}.key"] = _type.KeyId,
        [$"{Field.Name}.{KeyValueGroup}.value"] = _type.ValueId,
    };

    public override void Plan(ParquetFooterPlan plan) => plan.GroupFieldIds[Field.Name] = Field.Id;

    public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<object?> values, ColumnMetrics metrics, CancellationToken cancellationToken)
    {
        var keyPresent = _key.MaxDefinitionLevel;
        var valuePresent = _value.MaxDefinitionLevel;
        var emptyDefinition = keyPresent - 1;

        // Market data carries a few entries per row: sized for two, sorted in a reused buffer rather than per row.
        var keys = new List<ReadOnlyMemory<char>>(values.Count * 2);
        var keyDefinitions = new List<int>(values.Count * 2);
        var entries = new List<ReadOnlyMemory<char>>(values.Count * 2);
        var valueDefinitions = new List<int>(values.Count * 2);
        var repetitions = new List<int>(values.Count * 2);
        var ordered = new List<KeyValuePair<string, string?>>();
        long keyCount = 0;
        long valueCount = 0;
        long valueNulls = 0;
        foreach (var value in values)
        {
            if (value is not IReadOnlyDictionary<string, string?> map)
            {
                if (Field.Required)
                {
                    throw RequiredValueMissing();
                }

                AddEmptySlot(0);
                continue;
            }

            if (map.Count == 0)
            {
                AddEmptySlot(emptyDefinition);
                continue;
            }

            InOrdinalKeyOrder(map, ordered);
            for (var i = 0; i < ordered.Count; i++)
            {
                var (key, entry) = ordered[i];
                repetitions.Add(i == 0 ? 0 : 1);
                keys.Add(key.AsMemory());
                keyDefinitions.Add(keyPresent);
                keyCount++;
                valueCount++;
                if (entry is not null)
                {
                    entries.Add(entry.AsMemory());
                    valueDefinitions.Add(valuePresent);
                }
                else if (_type.ValueRequired)
                {
                    throw new InvalidOperationException($"Column '{Field.Name}' does not allow null map values.");
                }
                else
                {
                    valueDefinitions.Add(valuePresent - 1);
                    valueNulls++;
                }
            }
        }

        metrics.Count(_type.KeyId, keyCount, 0);
        metrics.Count(_type.ValueId, valueCount, valueNulls);
        var repetitionLevels = repetitions.ToArray();
        await rowGroup.WriteAllPartsAsync<ReadOnlyMemory<char>>(_key, keys.ToArray(), keyDefinitions.ToArray(), repetitionLevels, cancellationToken);
        await rowGroup.WriteAllPartsAsync<ReadOnlyMemory<char>>(_value, entries.ToArray(), valueDefinitions.ToArray(), repetitionLevels, cancellationToken);

        void AddEmptySlot(int definition)
        {
            keyDefinitions.Add(definition);
            valueDefinitions.Add(definition);
            repetitions.Add(0);
        }
    }

    /// <summary>The entries of <paramref name="map"/> in ordinal key order (keys are unique), by insertion sort: maps here are small.</summary>
    private static void InOrdinalKeyOrder(IReadOnlyDictionary<string, string?> map, List<KeyValuePair<string, string?>> ordered)
    {
        ordered.Clear();
        if (map is Dictionary<string, string?> dictionary)
        {
            // The concrete type's enumerator is a struct: no enumerator allocated per row.
            foreach (var pair in dictionary)
            {
                Insert(ordered, pair);
            }
        }
        else
        {
            foreach (var pair in map)
            {
                Insert(ordered, pair);
            }
        }
    }

    private static void Insert(List<KeyValuePair<string, string?>> ordered, KeyValuePair<string, string?> pair)
    {
        var at = ordered.Count;
        while (at > 0 && string.CompareOrdinal(ordered[at - 1].Key, pair.Key) > 0)
        {
            at--;
        }

        ordered.Insert(at, pair);
    }
}

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
        var keys = new List<ReadOnlyMemory<char>>();
        var keyDefinitions = new List<int>();
        var entries = new List<ReadOnlyMemory<char>>();
        var valueDefinitions = new List<int>();
        var repetitions = new List<int>();
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

            var first = true;
            foreach (var (key, entry) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                repetitions.Add(first ? 0 : 1);
                first = false;
                keys.Add(key.AsMemory());
                keyDefinitions.Add(keyPresent);
                metrics.CountValue(_type.KeyId);
                if (entry is not null)
                {
                    entries.Add(entry.AsMemory());
                    valueDefinitions.Add(valuePresent);
                    metrics.CountValue(_type.ValueId);
                }
                else if (_type.ValueRequired)
                {
                    throw new InvalidOperationException($"Column '{Field.Name}' does not allow null map values.");
                }
                else
                {
                    valueDefinitions.Add(valuePresent - 1);
                    metrics.CountNull(_type.ValueId);
                }
            }
        }

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
}

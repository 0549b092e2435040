namespace K2.Lakehouse.Iceberg.Types;

/// <summary>A table schema: a struct of top-level fields identified by <see cref="SchemaId"/>.</summary>
public sealed class IcebergSchema
{
    private readonly Dictionary<int, NestedField> _byId;
    private readonly Dictionary<string, NestedField> _byName;

    public IcebergSchema(int schemaId, IReadOnlyList<NestedField> fields)
    {
        SchemaId = schemaId;
        Fields = fields;
        var ids = fields.SelectMany(f => f.AllIds()).ToList();
        if (ids.Count != ids.Distinct().Count())
        {
            throw new ArgumentException("Field ids must be unique within a schema.", nameof(fields));
        }

        _byId = fields.ToDictionary(f => f.Id);
        _byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        HighestFieldId = ids.Count == 0 ? 0 : ids.Max();
    }

    public int SchemaId { get; }

    public IReadOnlyList<NestedField> Fields { get; }

    /// <summary>The largest id used by any field, including nested element/key/value ids.</summary>
    public int HighestFieldId { get; }

    public NestedField? FindField(int id) => _byId.GetValueOrDefault(id);

    public NestedField? FindField(string name) => _byName.GetValueOrDefault(name);

    public NestedField Field(string name) =>
        FindField(name) ?? throw new KeyNotFoundException($"Schema {SchemaId} has no field named '{name}'.");

    /// <summary>Structural equality ignoring the schema id, as the spec uses to reuse an existing schema.</summary>
    public bool SameFieldsAs(IcebergSchema other) => Fields.SequenceEqual(other.Fields);
}

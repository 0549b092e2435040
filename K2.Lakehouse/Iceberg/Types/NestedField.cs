namespace K2.Lakehouse.Iceberg.Types;

/// <summary>A named, id-carrying column of a schema. The id, not the name, identifies the column forever.</summary>
public sealed record NestedField(int Id, string Name, bool Required, IcebergType Type, string? Doc = null)
{
    public static NestedField Require(int id, string name, IcebergType type, string? doc = null) => new(id, name, true, type, doc);

    public static NestedField Optional(int id, string name, IcebergType type, string? doc = null) => new(id, name, false, type, doc);

    /// <summary>This field's id and the ids of list elements and map keys/values nested in it.</summary>
    public IEnumerable<int> AllIds()
    {
        yield return Id;
        switch (Type)
        {
            case ListType list:
                yield return list.ElementId;
                break;
            case MapType map:
                yield return map.KeyId;
                yield return map.ValueId;
                break;
        }
    }
}

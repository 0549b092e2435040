namespace K2.Lakehouse.Iceberg.Types;

/// <summary>One partition field: <see cref="Transform"/> applied to the column <see cref="SourceId"/>.</summary>
public sealed record PartitionField(int SourceId, int FieldId, string Name, Transform Transform);

/// <summary>How rows map to partition tuples. Partition field ids start at 1000, as in the reference implementation.</summary>
public sealed record PartitionSpec(int SpecId, IReadOnlyList<PartitionField> Fields)
{
    public const int FirstFieldId = 1000;

    public int LastFieldId => Fields.Count == 0 ? FirstFieldId - 1 : Fields.Max(f => f.FieldId);

    public bool SameFieldsAs(PartitionSpec other) => Fields.SequenceEqual(other.Fields);
}

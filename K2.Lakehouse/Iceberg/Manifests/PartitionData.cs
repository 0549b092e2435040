namespace K2.Lakehouse.Iceberg.Manifests;

/// <summary>
/// A file's partition tuple, one value per field of its partition spec, in K2's in-memory forms
/// (identity of a string → <see cref="string"/>, day → <see cref="int"/> days since 1970-01-01). Compared by value.
/// </summary>
public sealed class PartitionData : IEquatable<PartitionData>
{
    public PartitionData(IReadOnlyList<object?> values) => Values = values;

    public IReadOnlyList<object?> Values { get; }

    public object? this[int index] => Values[index];

    public bool Equals(PartitionData? other) => other is not null && Values.SequenceEqual(other.Values);

    public override bool Equals(object? obj) => Equals(obj as PartitionData);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in Values)
        {
            hash.Add(value);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => $"({string.Join(", ", Values.Select(v => v ?? "null"))})";
}

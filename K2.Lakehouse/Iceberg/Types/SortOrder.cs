namespace K2.Lakehouse.Iceberg.Types;

public enum SortDirection
{
    Ascending,
    Descending,
}

public enum NullOrder
{
    NullsFirst,
    NullsLast,
}

public sealed record SortField(int SourceId, Transform Transform, SortDirection Direction, NullOrder NullOrder);

/// <summary>A table sort order. Order id 0 is reserved for "unsorted".</summary>
public sealed record SortOrder(int OrderId, IReadOnlyList<SortField> Fields)
{
    public static SortOrder Unsorted { get; } = new(0, []);
}

using K2.Lakehouse.Iceberg.Manifests;

namespace K2.Lakehouse.Maintenance;

/// <summary>
/// Orders partition tuples field by field (nulls first, then by value), so entries cut into manifests in this order
/// give each manifest a narrow range per field and the manifest list's partition summaries keep pruning.
/// </summary>
internal sealed class PartitionOrder : IComparer<PartitionData>
{
    public static readonly PartitionOrder Instance = new();

    public int Compare(PartitionData? x, PartitionData? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        for (var i = 0; i < Math.Min(x.Values.Count, y.Values.Count); i++)
        {
            var order = CompareValues(x[i], y[i]);
            if (order != 0)
            {
                return order;
            }
        }

        return x.Values.Count.CompareTo(y.Values.Count);
    }

    private static int CompareValues(object? x, object? y) => (x, y) switch
    {
        (null, null) => 0,
        (null, _) => -1,
        (_, null) => 1,
        (string a, string b) => string.CompareOrdinal(a, b),
        (IComparable a, _) when a.GetType() == y.GetType() => a.CompareTo(y),
        _ => string.CompareOrdinal(x.GetType().FullName, y.GetType().FullName),
    };
}

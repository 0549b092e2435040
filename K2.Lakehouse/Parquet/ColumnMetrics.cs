using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Iceberg.Values;

namespace K2.Lakehouse.Parquet;

/// <summary>
/// Iceberg column metrics gathered while a file is written (spec: <c>value_counts</c>, <c>null_value_counts</c>,
/// <c>lower_bounds</c>, <c>upper_bounds</c>), keyed by field id. Values are counted for every leaf, including list
/// elements and map keys/values; bounds are kept for top-level primitive columns, which is what scan planning uses.
/// </summary>
internal sealed class ColumnMetrics
{
    private readonly Dictionary<int, Leaf> _leaves = [];

    public void CountValue(int fieldId) => LeafFor(fieldId).Values++;

    public void CountNull(int fieldId)
    {
        var leaf = LeafFor(fieldId);
        leaf.Values++;
        leaf.Nulls++;
    }

    /// <summary>Counts a non-null value and widens the bounds of <paramref name="fieldId"/> to include it.</summary>
    public void Observe(int fieldId, PrimitiveType type, object value)
    {
        var leaf = LeafFor(fieldId);
        leaf.Values++;
        leaf.Type = type;
        if (leaf.Min is null || SingleValue.Compare(type, value, leaf.Min) < 0)
        {
            leaf.Min = value;
        }

        if (leaf.Max is null || SingleValue.Compare(type, value, leaf.Max) > 0)
        {
            leaf.Max = value;
        }
    }

    /// <summary>Counts <paramref name="values"/> values, <paramref name="nulls"/> of them null, of <paramref name="fieldId"/> at once.</summary>
    public void Count(int fieldId, long values, long nulls)
    {
        if (values == 0)
        {
            return;
        }

        var leaf = LeafFor(fieldId);
        leaf.Values += values;
        leaf.Nulls += nulls;
    }

    /// <summary>
    /// Counts a run of values of <paramref name="fieldId"/> (a row group's) whose non-null values range from
    /// <paramref name="min"/> to <paramref name="max"/>, and widens the bounds to include them: the same metrics as
    /// observing the run value by value, with one comparison per bound instead of two per value.
    /// </summary>
    public void Observe(int fieldId, PrimitiveType type, long values, long nulls, object min, object max)
    {
        var leaf = LeafFor(fieldId);
        leaf.Values += values;
        leaf.Nulls += nulls;
        leaf.Type = type;
        if (leaf.Min is null || SingleValue.Compare(type, min, leaf.Min) < 0)
        {
            leaf.Min = min;
        }

        if (leaf.Max is null || SingleValue.Compare(type, max, leaf.Max) > 0)
        {
            leaf.Max = max;
        }
    }

    public IReadOnlyDictionary<int, long> ValueCounts => _leaves.ToDictionary(p => p.Key, p => p.Value.Values);

    public IReadOnlyDictionary<int, long> NullValueCounts => _leaves.ToDictionary(p => p.Key, p => p.Value.Nulls);

    public Dictionary<int, byte[]> LowerBounds(int truncateLength)
    {
        var bounds = new Dictionary<int, byte[]>();
        foreach (var (id, leaf) in _leaves)
        {
            if (leaf is { Type: { } type, Min: { } min })
            {
                var value = type.Kind == PrimitiveKind.String ? StringBounds.TruncateLower((string)min, truncateLength) : min;
                bounds[id] = SingleValue.Serialize(type, value);
            }
        }

        return bounds;
    }

    public Dictionary<int, byte[]> UpperBounds(int truncateLength)
    {
        var bounds = new Dictionary<int, byte[]>();
        foreach (var (id, leaf) in _leaves)
        {
            if (leaf is { Type: { } type, Max: { } max })
            {
                object? value = type.Kind == PrimitiveKind.String ? StringBounds.TruncateUpper((string)max, truncateLength) : max;
                if (value is not null)
                {
                    bounds[id] = SingleValue.Serialize(type, value);
                }
            }
        }

        return bounds;
    }

    private Leaf LeafFor(int fieldId)
    {
        if (!_leaves.TryGetValue(fieldId, out var leaf))
        {
            leaf = new Leaf();
            _leaves[fieldId] = leaf;
        }

        return leaf;
    }

    private sealed class Leaf
    {
        public long Values { get; set; }

        public long Nulls { get; set; }

        public PrimitiveType? Type { get; set; }

        public object? Min { get; set; }

        public object? Max { get; set; }
    }
}

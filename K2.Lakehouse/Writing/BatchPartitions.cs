using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Types;

namespace K2.Lakehouse.Writing;

/// <summary>
/// Splits a batch into the partitions of a spec, keeping each partition's rows in batch order. A flush's rows
/// nearly always share one partition (an exchange's day) and arrive in runs of the same partition, so each row is
/// first checked against the partition of the row before, through typed reads that neither box nor allocate; only
/// a row that leaves the current partition builds its <see cref="PartitionData"/> and looks it up.
/// </summary>
internal sealed class BatchPartitions<T>
{
    private readonly PartitionSource[] _sources;

    public BatchPartitions(PartitionSpec spec, Func<int, RowColumn<T>> binding)
    {
        _sources = [.. spec.Fields.Select(field => PartitionSource.For(field.Transform, binding(field.SourceId)))];
    }

    /// <summary>The batch's partitions in first-seen order, each with its rows in batch order.</summary>
    public IReadOnlyList<(PartitionData Key, List<T> Rows)> Split(IReadOnlyList<T> rows)
    {
        var partitions = new List<(PartitionData Key, List<T> Rows)>();
        var index = new Dictionary<PartitionData, int>();
        var current = -1;
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (current < 0 || !Matches(row, partitions[current].Key))
            {
                var key = Key(row);
                if (!index.TryGetValue(key, out current))
                {
                    current = partitions.Count;
                    index.Add(key, current);
                    partitions.Add((key, []));
                }
            }

            partitions[current].Rows.Add(row);
        }

        return partitions;
    }

    private bool Matches(T row, PartitionData key)
    {
        for (var i = 0; i < _sources.Length; i++)
        {
            if (!_sources[i].Matches(row, key[i]))
            {
                return false;
            }
        }

        return true;
    }

    private PartitionData Key(T row)
    {
        var values = new object?[_sources.Length];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = _sources[i].Value(row);
        }

        return new PartitionData(values);
    }

    /// <summary>
    /// One partition field: its value as <see cref="PartitionData"/> holds it (boxed, transformed) and a check that
    /// a row has a given value, equal exactly when <see cref="PartitionData.Equals(PartitionData?)"/> would say so.
    /// </summary>
    private sealed record PartitionSource(Func<T, object?> Value, Func<T, object?, bool> Matches)
    {
        public static PartitionSource For(Transform transform, RowColumn<T> column)
        {
            object? Boxed(T row) => transform.Apply(column.ReadBoxed(row));
            return (transform.Kind, column) switch
            {
                (TransformKind.Day, RowColumn<T, long> micros) => new(Boxed, (row, key) => key is int day && Transform.DayOf(micros.Read(row)) == day),
                (TransformKind.Identity, RowColumn<T, long> longs) => new(Boxed, (row, key) => key is long value && longs.Read(row) == value),
                (TransformKind.Identity, RowColumn<T, string> strings) => new(Boxed, (row, key) => strings.Read(row) is { } text ? text.Equals(key) : key is null),
                _ => new(Boxed, (row, key) => Equals(Boxed(row), key)),
            };
        }
    }
}

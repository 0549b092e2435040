using K2.Lakehouse.Iceberg.Types;

namespace K2.Lakehouse.Writing;

/// <summary>
/// Orders rows by a table sort order (identity transforms), comparing values the way Iceberg does so that file
/// bounds and row-group statistics come out tight.
/// </summary>
internal sealed class SortOrderComparer<T>
{
    private readonly List<(RowColumn<T> Column, PrimitiveType Type, int Direction, bool NullsFirst)> _keys = [];

    public SortOrderComparer(SortOrder order, IcebergSchema schema, Func<int, RowColumn<T>> binding)
    {
        foreach (var field in order.Fields)
        {
            if (field.Transform.Kind != TransformKind.Identity || schema.FindField(field.SourceId)?.Type is not PrimitiveType type)
            {
                throw new NotSupportedException($"K2 sorts only by identity of primitive columns (sort field on {field.SourceId}).");
            }

            _keys.Add((binding(field.SourceId), type, field.Direction == SortDirection.Ascending ? 1 : -1, field.NullOrder == NullOrder.NullsFirst));
        }
    }

    /// <summary>The rows in sort order, stable for equal keys. Each row's keys are read once, as comparable longs.</summary>
    public List<T> Sort(IEnumerable<T> rows)
    {
        var items = rows as List<T> ?? rows.ToList();
        var columns = _keys.Select(key => SortKeyColumn.Read(items, key.Column, key.Type, key.Direction, key.NullsFirst)).ToArray();
        var order = columns.Length <= 2 && columns.All(column => column.Ascending is not null)
            ? FoldedOrder(items.Count, columns)
            : ComparedOrder(items.Count, columns);

        var sorted = new List<T>(order.Length);
        foreach (var index in order)
        {
            sorted.Add(items[index]);
        }

        return sorted;
    }

    /// <summary>
    /// Up to two keys folded into ascending longs (a table's usual sort: symbol, then time) sort as structs compared
    /// inline, with the row index as the last key: the same total order as <see cref="ComparedOrder"/>, hence the same
    /// permutation, without a delegate call per comparison. Rows that already arrive in order are not sorted.
    /// </summary>
    private static int[] FoldedOrder(int count, SortKeyColumn[] columns)
    {
        var first = columns.Length > 0 ? columns[0].Ascending! : null;
        var second = columns.Length > 1 ? columns[1].Ascending! : null;
        var entries = new FoldedKey[count];
        var ordered = true;
        for (var i = 0; i < entries.Length; i++)
        {
            entries[i] = new FoldedKey(first is null ? 0 : first[i], second is null ? 0 : second[i], i);
            ordered &= i == 0 || entries[i - 1].CompareTo(entries[i]) < 0;
        }

        if (!ordered && !(first is not null && TrySortByBuckets(ref entries, first)))
        {
            entries.AsSpan().Sort();
        }

        var order = new int[count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = entries[i].Index;
        }

        return order;
    }

    /// <summary>
    /// When the first key has few distinct values close together (ranks of a batch's symbols), distributes the rows
    /// over one bucket per value in batch order (a stable counting sort), then sorts only the buckets whose rows are
    /// not already in order: a symbol's trades usually arrive in time order, so that is a linear pass.
    /// </summary>
    private static bool TrySortByBuckets(ref FoldedKey[] entries, long[] first)
    {
        var min = first.Length == 0 ? 0 : first.Min();
        var max = first.Length == 0 ? 0 : first.Max();
        var range = (ulong)max - (ulong)min; // exact: max ≥ min, so the difference fits in 64 bits
        if (first.Length == 0 || range >= (ulong)entries.Length)
        {
            return false;
        }

        var starts = new int[(int)range + 2];
        foreach (var key in first)
        {
            starts[(int)(key - min) + 1]++;
        }

        for (var bucket = 1; bucket < starts.Length; bucket++)
        {
            starts[bucket] += starts[bucket - 1];
        }

        var distributed = new FoldedKey[entries.Length];
        var next = (int[])starts.Clone();
        foreach (var entry in entries)
        {
            distributed[next[(int)(entry.First - min)]++] = entry;
        }

        for (var bucket = 0; bucket + 1 < starts.Length; bucket++)
        {
            var rows = distributed.AsSpan(starts[bucket], starts[bucket + 1] - starts[bucket]);
            for (var i = 1; i < rows.Length; i++)
            {
                if (rows[i - 1].CompareTo(rows[i]) > 0)
                {
                    rows.Sort();
                    break;
                }
            }
        }

        entries = distributed;
        return true;
    }

    private static int[] ComparedOrder(int count, SortKeyColumn[] columns)
    {
        var order = new int[count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            foreach (var column in columns)
            {
                var result = column.Compare(a, b);
                if (result != 0)
                {
                    return result;
                }
            }

            return a.CompareTo(b);
        });
        return order;
    }

    private readonly record struct FoldedKey(long First, long Second, int Index) : IComparable<FoldedKey>
    {
        public int CompareTo(FoldedKey other)
        {
            var byFirst = First.CompareTo(other.First);
            if (byFirst != 0)
            {
                return byFirst;
            }

            var bySecond = Second.CompareTo(other.Second);
            return bySecond != 0 ? bySecond : Index.CompareTo(other.Index);
        }
    }
}

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
        var items = rows.ToList();
        var columns = _keys.Select(key => SortKeyColumn.Read(items, key.Column, key.Type, key.Direction, key.NullsFirst)).ToArray();
        var order = new int[items.Count];
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

        var sorted = new List<T>(order.Length);
        foreach (var index in order)
        {
            sorted.Add(items[index]);
        }

        return sorted;
    }
}

using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Iceberg.Values;

namespace K2.Lakehouse.Writing;

/// <summary>
/// Orders rows by a table sort order (identity transforms), comparing values the way Iceberg does so that file
/// bounds and row-group statistics come out tight.
/// </summary>
internal sealed class SortOrderComparer<T> : IComparer<T>
{
    private readonly List<(Func<T, object?> Read, PrimitiveType Type, int Direction, bool NullsFirst)> _keys = [];

    public SortOrderComparer(SortOrder order, IcebergSchema schema, Func<int, Func<T, object?>> binding)
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

    public int Compare(T? x, T? y)
    {
        foreach (var (read, type, direction, nullsFirst) in _keys)
        {
            var left = read(x!);
            var right = read(y!);
            var result = (left, right) switch
            {
                (null, null) => 0,
                (null, _) => nullsFirst ? -1 : 1,
                (_, null) => nullsFirst ? 1 : -1,
                _ => direction * SingleValue.Compare(type, left, right),
            };
            if (result != 0)
            {
                return result;
            }
        }

        return 0;
    }
}

using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Iceberg.Values;

namespace K2.Lakehouse.Scanning;

/// <summary>
/// A predicate on one column in a form that can be tested against an exact value or an inclusive [lower, upper]
/// range: either membership in a set or an inclusive range (either end may be open). Tests are inclusive
/// projections: "might match", never "certainly matches".
/// </summary>
internal sealed record ColumnPredicate(PrimitiveType Type, IReadOnlyList<object>? In, object? Min, object? Max)
{
    public static ColumnPredicate Values(PrimitiveType type, IEnumerable<object> values) => new(type, values.ToList(), null, null);

    public static ColumnPredicate Range(PrimitiveType type, object? min, object? max) => new(type, null, min, max);

    public bool Matches(object? value)
    {
        if (value is null)
        {
            return false;
        }

        return In is not null
            ? In.Any(candidate => SingleValue.Compare(Type, candidate, value) == 0)
            : (Min is null || SingleValue.Compare(Type, value, Min) >= 0) && (Max is null || SingleValue.Compare(Type, value, Max) <= 0);
    }

    /// <summary>Could some value in [<paramref name="lower"/>, <paramref name="upper"/>] match? Null ends are unbounded.</summary>
    public bool MightMatch(object? lower, object? upper)
    {
        if (In is not null)
        {
            return In.Any(candidate =>
                (lower is null || SingleValue.Compare(Type, candidate, lower) >= 0) &&
                (upper is null || SingleValue.Compare(Type, candidate, upper) <= 0));
        }

        return (Max is null || lower is null || SingleValue.Compare(Type, lower, Max) <= 0) &&
               (Min is null || upper is null || SingleValue.Compare(Type, upper, Min) >= 0);
    }

    /// <summary>The predicate on a partition value produced by <paramref name="transform"/> from this column.</summary>
    public ColumnPredicate Project(Transform transform, PrimitiveType resultType) => transform.Kind switch
    {
        TransformKind.Identity => this,
        TransformKind.Day => In is not null
            ? Values(resultType, In.Select(v => transform.Apply(v)!).Distinct())
            : Range(resultType, transform.Apply(Min), transform.Apply(Max)),
        _ => throw new NotSupportedException($"Cannot project through transform {transform}."),
    };
}

namespace K2.Lakehouse.Iceberg.Types;

public enum TransformKind
{
    Identity,
    Day,
}

/// <summary>A partition or sort transform (spec: Partition Transforms). K2 tables use identity and day.</summary>
public sealed record Transform(TransformKind Kind)
{
    public static Transform Identity { get; } = new(TransformKind.Identity);

    public static Transform Day { get; } = new(TransformKind.Day);

    public static Transform Parse(string text) => text switch
    {
        "identity" => Identity,
        "day" => Day,
        _ => throw new NotSupportedException($"Transform '{text}' is not supported by K2."),
    };

    /// <summary>The partition value type; <c>day</c> yields a date, as the Java and Python implementations record it.</summary>
    public IcebergType ResultType(IcebergType source) => Kind switch
    {
        TransformKind.Identity => source,
        TransformKind.Day => PrimitiveType.Date,
        _ => throw new InvalidOperationException($"Unknown transform {Kind}."),
    };

    /// <summary>
    /// Applies the transform to a source value in its K2 in-memory form (microseconds for timestamps).
    /// Day of a timestamp counts days from 1970-01-01, flooring so pre-epoch instants land on the earlier day.
    /// </summary>
    public object? Apply(object? value) => Kind switch
    {
        TransformKind.Identity => value,
        TransformKind.Day => value is null ? null : DayOf((long)value),
        _ => throw new InvalidOperationException($"Unknown transform {Kind}."),
    };

    public override string ToString() => Kind switch
    {
        TransformKind.Identity => "identity",
        TransformKind.Day => "day",
        _ => throw new InvalidOperationException($"Unknown transform {Kind}."),
    };

    public const long MicrosPerDay = 86_400_000_000L;

    /// <summary>Days since 1970-01-01 of a microsecond timestamp, flooring toward the earlier day.</summary>
    public static int DayOf(long micros)
    {
        var days = Math.DivRem(micros, MicrosPerDay, out var remainder);
        return (int)(remainder < 0 ? days - 1 : days);
    }
}

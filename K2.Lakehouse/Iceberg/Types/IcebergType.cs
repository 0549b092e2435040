// The members below are named after the Iceberg spec's type names (int, long, string, decimal) on purpose.
#pragma warning disable CA1720

namespace K2.Lakehouse.Iceberg.Types;

/// <summary>An Iceberg data type (spec: Schemas and Data Types). Only the types K2 tables use are modelled.</summary>
public abstract record IcebergType
{
    public abstract bool IsPrimitive { get; }
}

public enum PrimitiveKind
{
    Boolean,
    Int,
    Long,
    Date,
    TimestampTz,
    String,
    Uuid,
    Decimal,
}

/// <summary>A primitive type; <see cref="Precision"/> and <see cref="Scale"/> only apply to decimals.</summary>
public sealed record PrimitiveType : IcebergType
{
    private PrimitiveType(PrimitiveKind kind, int precision = 0, int scale = 0)
    {
        Kind = kind;
        Precision = precision;
        Scale = scale;
    }

    public static PrimitiveType Boolean { get; } = new(PrimitiveKind.Boolean);

    public static PrimitiveType Int { get; } = new(PrimitiveKind.Int);

    public static PrimitiveType Long { get; } = new(PrimitiveKind.Long);

    public static PrimitiveType Date { get; } = new(PrimitiveKind.Date);

    /// <summary>Microseconds since the epoch, UTC.</summary>
    public static PrimitiveType TimestampTz { get; } = new(PrimitiveKind.TimestampTz);

    public static PrimitiveType String { get; } = new(PrimitiveKind.String);

    public static PrimitiveType Uuid { get; } = new(PrimitiveKind.Uuid);

    public PrimitiveKind Kind { get; }

    public int Precision { get; }

    public int Scale { get; }

    public override bool IsPrimitive => true;

    public static PrimitiveType Decimal(int precision, int scale)
    {
        // Spec: precision must be 38 or less; scale is fixed.
        ArgumentOutOfRangeException.ThrowIfLessThan(precision, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(precision, 38);
        ArgumentOutOfRangeException.ThrowIfNegative(scale);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(scale, precision);
        return new PrimitiveType(PrimitiveKind.Decimal, precision, scale);
    }

    /// <summary>The JSON type name from spec Appendix C, e.g. <c>decimal(18,8)</c>.</summary>
    public override string ToString() => Kind switch
    {
        PrimitiveKind.Boolean => "boolean",
        PrimitiveKind.Int => "int",
        PrimitiveKind.Long => "long",
        PrimitiveKind.Date => "date",
        PrimitiveKind.TimestampTz => "timestamptz",
        PrimitiveKind.String => "string",
        PrimitiveKind.Uuid => "uuid",
        PrimitiveKind.Decimal => $"decimal({Precision},{Scale})",
        _ => throw new InvalidOperationException($"Unknown primitive kind {Kind}."),
    };
}

/// <summary><c>list&lt;element&gt;</c>; the element has its own field id, unique in the table schema.</summary>
public sealed record ListType(int ElementId, bool ElementRequired, IcebergType Element) : IcebergType
{
    public override bool IsPrimitive => false;
}

/// <summary><c>map&lt;key, value&gt;</c>; keys are always required, key and value each have a field id.</summary>
public sealed record MapType(int KeyId, IcebergType Key, int ValueId, bool ValueRequired, IcebergType Value) : IcebergType
{
    public override bool IsPrimitive => false;
}

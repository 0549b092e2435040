using K2.Lakehouse.Iceberg.Types;
using Parquet.Schema;

namespace K2.Lakehouse.Parquet.Columns;

/// <summary>
/// <c>decimal(P,S)</c>: Parquet DECIMAL(P,S) on INT64 for P ≤ 18 (spec Appendix A). Values that would need rounding
/// or exceed the precision are rejected rather than silently changed.
/// </summary>
internal sealed class DecimalColumn(NestedField field)
    : PrimitiveColumn<decimal>(field, new DecimalDataField(field.Name, ((PrimitiveType)field.Type).Precision, ((PrimitiveType)field.Type).Scale, isNullable: !field.Required))
{
    // Checked once per value on every flush: plain decimal arithmetic with the powers of ten computed up front.
    private readonly decimal _scaleFactor = PowerOfTen(((PrimitiveType)field.Type).Scale);

    // |value| < 10^(P-S) is the same as |value · 10^S| < 10^P, without the multiplication overflowing first.
    private readonly decimal _magnitudeLimit = PowerOfTen(((PrimitiveType)field.Type).Precision - ((PrimitiveType)field.Type).Scale);

    private readonly int _scale = ((PrimitiveType)field.Type).Scale;

    protected override decimal Validate(decimal value)
    {
        // A value written with at most the column's scale needs no rounding; only more decimal places (which may
        // still be trailing zeros) need the exact check.
        if (Math.Abs(value) >= _magnitudeLimit || (value.Scale > _scale && value * _scaleFactor != decimal.Truncate(value * _scaleFactor)))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Column '{Field.Name}' holds {Type}; the value does not fit without rounding.");
        }

        return value;
    }

    private static decimal PowerOfTen(int exponent)
    {
        var power = 1m;
        for (var i = 0; i < exponent; i++)
        {
            power *= 10m;
        }

        return power;
    }
}

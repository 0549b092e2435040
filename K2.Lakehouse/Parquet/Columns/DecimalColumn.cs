using System.Numerics;
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
    protected override decimal Convert(object value)
    {
        var number = (decimal)value;
        var scaled = number * (decimal)BigInteger.Pow(10, Type.Scale);
        if (scaled != decimal.Truncate(scaled) || BigInteger.Abs(new BigInteger(scaled)) >= BigInteger.Pow(10, Type.Precision))
        {
            throw new ArgumentOutOfRangeException(nameof(value), number, $"Column '{Field.Name}' holds {Type}; the value does not fit without rounding.");
        }

        return number;
    }
}

using K2.Lakehouse.Iceberg.Types;
using Parquet.Schema;

namespace K2.Lakehouse.Parquet.Columns;

/// <summary>
/// <c>timestamptz</c>: INT64 microseconds annotated TIMESTAMP(MICROS, isAdjustedToUTC=true). Written as plain
/// longs and re-annotated in the footer (see <see cref="ParquetFooterPlan.TimestampMicrosColumns"/>), so both the
/// values and the statistics are exact microseconds.
/// </summary>
internal sealed class TimestampColumn(NestedField field)
    : PrimitiveColumn<long>(field, new DataField(field.Name, typeof(long), isNullable: !field.Required))
{
    public override void Plan(ParquetFooterPlan plan) => plan.TimestampMicrosColumns.Add(Field.Name);
}

using K2.Lakehouse.Iceberg.Types;
using Parquet.Schema;

namespace K2.Lakehouse.Parquet.Columns;

/// <summary>
/// <c>uuid</c>: FIXED_LEN_BYTE_ARRAY(16) with the UUID logical type, big-endian as RFC 9562 and the spec require
/// (Parquet.Net writes the values correctly). Its min/max statistics are removed from the footer because
/// Parquet.Net writes them mixed-endian. No manifest bounds either: engines disagree on signed versus unsigned
/// UUID ordering, and random ids would never prune a file anyway.
/// </summary>
internal sealed class UuidColumn(NestedField field)
    : PrimitiveColumn<Guid>(field, new DataField(field.Name, typeof(Guid), isNullable: !field.Required), collectBounds: false)
{
    public override void Plan(ParquetFooterPlan plan) => plan.ColumnsWithoutMinMax.Add(Field.Name);
}

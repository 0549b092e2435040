using K2.Lakehouse.Iceberg.Types;
using Parquet.Schema;

namespace K2.Lakehouse.Parquet.Columns;

/// <summary>Maps an Iceberg field to the <see cref="ParquetColumn"/> that writes it (spec Appendix A, Parquet).</summary>
internal static class ParquetColumns
{
    public static ParquetColumn For(NestedField field) => field.Type switch
    {
        PrimitiveType { Kind: PrimitiveKind.Long } => new PrimitiveColumn<long>(field, new DataField(field.Name, typeof(long), isNullable: !field.Required)),
        PrimitiveType { Kind: PrimitiveKind.Int } => new PrimitiveColumn<int>(field, new DataField(field.Name, typeof(int), isNullable: !field.Required)),
        PrimitiveType { Kind: PrimitiveKind.Boolean } => new PrimitiveColumn<bool>(field, new DataField(field.Name, typeof(bool), isNullable: !field.Required)),
        PrimitiveType { Kind: PrimitiveKind.TimestampTz } => new TimestampColumn(field),
        PrimitiveType { Kind: PrimitiveKind.Uuid } => new UuidColumn(field),
        PrimitiveType { Kind: PrimitiveKind.Decimal, Precision: <= 18 } => new DecimalColumn(field),
        PrimitiveType { Kind: PrimitiveKind.String } => new StringColumn(field),
        ListType { Element: PrimitiveType { Kind: PrimitiveKind.String } } => new StringListColumn(field),
        MapType { Key: PrimitiveType { Kind: PrimitiveKind.String }, Value: PrimitiveType { Kind: PrimitiveKind.String } } => new StringMapColumn(field),
        _ => throw new NotSupportedException($"K2 cannot write column '{field.Name}' of type {field.Type} yet."),
    };
}

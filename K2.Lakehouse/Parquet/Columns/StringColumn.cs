using K2.Lakehouse.Iceberg.Types;
using Parquet;
using Parquet.Schema;
using ParquetField = Parquet.Schema.Field;

namespace K2.Lakehouse.Parquet.Columns;

/// <summary><c>string</c>: BYTE_ARRAY annotated STRING (UTF-8).</summary>
internal sealed class StringColumn : ParquetColumn
{
    private readonly DataField _dataField;

    public StringColumn(NestedField field)
        : base(field)
    {
        _dataField = new DataField(field.Name, typeof(string), isNullable: !field.Required) { FieldId = field.Id };
    }

    public override ParquetField ParquetField => _dataField;

    public override IReadOnlyDictionary<string, int> LeafFieldIds => new Dictionary<string, int> { [Field.Name] = Field.Id };

    public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<object?> values, ColumnMetrics metrics, CancellationToken cancellationToken)
    {
        var strings = new string?[values.Count];
        for (var i = 0; i < strings.Length; i++)
        {
            if (values[i] is string text)
            {
                strings[i] = text;
                metrics.Observe(Field.Id, PrimitiveType.String, text);
            }
            else if (Field.Required)
            {
                throw RequiredValueMissing();
            }
            else
            {
                metrics.CountNull(Field.Id);
            }
        }

        await rowGroup.WriteAsync(_dataField, strings);
    }
}

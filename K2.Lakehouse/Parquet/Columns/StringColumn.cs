using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Iceberg.Values;
using K2.Lakehouse.Writing;
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

    /// <summary>
    /// The typed path for a <see cref="string"/> binding: no per-value list of objects, and the bounds kept locally
    /// (a value that is the same instance as the one before, as repeated symbols and codes are, is not compared again)
    /// and merged into the metrics once per row group.
    /// </summary>
    public override async Task WriteAsync<T>(ParquetRowGroupWriter rowGroup, IReadOnlyList<T> rows, RowColumn<T> column, ColumnMetrics metrics, CancellationToken cancellationToken)
    {
        if (column is not RowColumn<T, string> typed)
        {
            await base.WriteAsync(rowGroup, rows, column, metrics, cancellationToken);
            return;
        }

        var strings = new string?[rows.Count];
        var nulls = 0;
        string? min = null;
        string? max = null;
        string? previous = null;
        for (var i = 0; i < strings.Length; i++)
        {
            var text = typed.Read(rows[i]);
            if (text is null)
            {
                nulls += Field.Required ? throw RequiredValueMissing() : 1;
                continue;
            }

            strings[i] = text;
            if (ReferenceEquals(text, previous))
            {
                continue;
            }

            previous = text;
            if (min is null || max is null)
            {
                (min, max) = (text, text);
            }
            else if (SingleValue.CompareUtf8(text, min) < 0)
            {
                // Below the minimum, so not above the maximum: one comparison for values that widen the low end.
                min = text;
            }
            else if (SingleValue.CompareUtf8(text, max) > 0)
            {
                max = text;
            }
        }

        if (min is not null && max is not null)
        {
            metrics.Observe(Field.Id, PrimitiveType.String, strings.Length, nulls, min, max);
        }
        else
        {
            metrics.Count(Field.Id, strings.Length, nulls);
        }

        await rowGroup.WriteAsync(_dataField, strings);
    }
}

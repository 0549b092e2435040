using K2.Lakehouse.Iceberg.Types;
using Parquet;
using Parquet.Schema;
using ParquetField = Parquet.Schema.Field;

namespace K2.Lakehouse.Parquet.Columns;

/// <summary>
/// A top-level primitive column of a struct-free CLR type (<see cref="long"/>, <see cref="Guid"/>,
/// <see cref="decimal"/>, ...). Required columns are written REQUIRED, optional ones OPTIONAL.
/// </summary>
internal class PrimitiveColumn<TValue> : ParquetColumn
    where TValue : struct
{
    private readonly DataField _dataField;
    private readonly bool _collectBounds;

    public PrimitiveColumn(NestedField field, DataField dataField, bool collectBounds = true)
        : base(field)
    {
        dataField.FieldId = field.Id;
        _dataField = dataField;
        _collectBounds = collectBounds;
        Type = (PrimitiveType)field.Type;
    }

    protected PrimitiveType Type { get; }

    public override ParquetField ParquetField => _dataField;

    public override IReadOnlyDictionary<string, int> LeafFieldIds => new Dictionary<string, int> { [Field.Name] = Field.Id };

    public override async Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<object?> values, ColumnMetrics metrics, CancellationToken cancellationToken)
    {
        if (Field.Required)
        {
            var dense = new TValue[values.Count];
            for (var i = 0; i < dense.Length; i++)
            {
                dense[i] = Convert(values[i] ?? throw RequiredValueMissing());
                Count(metrics, dense[i]);
            }

            await rowGroup.WriteAsync<TValue>(_dataField, dense, cancellationToken: cancellationToken);
            return;
        }

        var nullable = new TValue?[values.Count];
        for (var i = 0; i < nullable.Length; i++)
        {
            if (values[i] is { } value)
            {
                nullable[i] = Convert(value);
                Count(metrics, nullable[i]!.Value);
            }
            else
            {
                metrics.CountNull(Field.Id);
            }
        }

        await rowGroup.WriteAsync<TValue>(_dataField, nullable, cancellationToken: cancellationToken);
    }

    /// <summary>Turns the in-memory value into what Parquet.Net writes, validating it on the way.</summary>
    protected virtual TValue Convert(object value) => (TValue)value;

    private void Count(ColumnMetrics metrics, TValue value)
    {
        if (_collectBounds)
        {
            metrics.Observe(Field.Id, Type, value);
        }
        else
        {
            metrics.CountValue(Field.Id);
        }
    }
}

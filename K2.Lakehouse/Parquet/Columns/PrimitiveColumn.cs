using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Iceberg.Values;
using K2.Lakehouse.Writing;
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

    /// <summary>
    /// The typed path: a binding of <typeparamref name="TValue"/> (or its nullable form) fills the column's buffer
    /// directly and the bounds are kept as <typeparamref name="TValue"/>, then merged into the metrics once per row
    /// group. Values, null handling, validation and metrics are those of the boxed path.
    /// </summary>
    public override Task WriteAsync<T>(ParquetRowGroupWriter rowGroup, IReadOnlyList<T> rows, RowColumn<T> column, ColumnMetrics metrics, CancellationToken cancellationToken) => column switch
    {
        RowColumn<T, TValue> typed => WriteTypedAsync(rowGroup, rows, typed.Read, metrics, cancellationToken),
        RowColumn<T, TValue?> nullable => WriteNullableAsync(rowGroup, rows, nullable.Read, metrics, cancellationToken),
        _ => base.WriteAsync(rowGroup, rows, column, metrics, cancellationToken),
    };

    /// <summary>Validates a value before it is written (the default accepts every value of the type).</summary>
    protected virtual TValue Validate(TValue value) => value;

    private async Task WriteTypedAsync<T>(ParquetRowGroupWriter rowGroup, IReadOnlyList<T> rows, Func<T, TValue> read, ColumnMetrics metrics, CancellationToken cancellationToken)
    {
        var bounds = new TypedBounds(_collectBounds);
        if (Field.Required)
        {
            var dense = new TValue[rows.Count];
            for (var i = 0; i < dense.Length; i++)
            {
                dense[i] = Validate(read(rows[i]));
                bounds.Add(dense[i]);
            }

            Record(metrics, bounds, nulls: 0);
            await rowGroup.WriteAsync<TValue>(_dataField, dense, cancellationToken: cancellationToken);
            return;
        }

        var present = new TValue?[rows.Count];
        for (var i = 0; i < present.Length; i++)
        {
            var value = Validate(read(rows[i]));
            present[i] = value;
            bounds.Add(value);
        }

        Record(metrics, bounds, nulls: 0);
        await rowGroup.WriteAsync<TValue>(_dataField, present, cancellationToken: cancellationToken);
    }

    private async Task WriteNullableAsync<T>(ParquetRowGroupWriter rowGroup, IReadOnlyList<T> rows, Func<T, TValue?> read, ColumnMetrics metrics, CancellationToken cancellationToken)
    {
        var bounds = new TypedBounds(_collectBounds);
        if (Field.Required)
        {
            var dense = new TValue[rows.Count];
            for (var i = 0; i < dense.Length; i++)
            {
                dense[i] = Validate(read(rows[i]) ?? throw RequiredValueMissing());
                bounds.Add(dense[i]);
            }

            Record(metrics, bounds, nulls: 0);
            await rowGroup.WriteAsync<TValue>(_dataField, dense, cancellationToken: cancellationToken);
            return;
        }

        var nullable = new TValue?[rows.Count];
        var nulls = 0;
        for (var i = 0; i < nullable.Length; i++)
        {
            if (read(rows[i]) is { } value)
            {
                nullable[i] = Validate(value);
                bounds.Add(nullable[i]!.Value);
            }
            else
            {
                nulls++;
            }
        }

        Record(metrics, bounds, nulls);
        await rowGroup.WriteAsync<TValue>(_dataField, nullable, cancellationToken: cancellationToken);
    }

    private void Record(ColumnMetrics metrics, TypedBounds bounds, int nulls)
    {
        if (_collectBounds && bounds is { Min: { } min, Max: { } max })
        {
            metrics.Observe(Field.Id, Type, bounds.Count + nulls, nulls, min, max);
        }
        else
        {
            metrics.Count(Field.Id, bounds.Count + nulls, nulls);
        }
    }

    /// <summary>Turns the in-memory value into what Parquet.Net writes, validating it on the way.</summary>
    private TValue Convert(object value) => Validate((TValue)value);

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

    /// <summary>
    /// The smallest and largest value of a row group in Iceberg's order: the first of equal values is kept, as the
    /// value-by-value <see cref="ColumnMetrics.Observe(int, PrimitiveType, object)"/> keeps it.
    /// </summary>
    private struct TypedBounds(bool track)
    {
        private TValue _min;
        private TValue _max;

        public int Count { get; private set; }

        public readonly object? Min => Count == 0 || !track ? null : _min;

        public readonly object? Max => Count == 0 || !track ? null : _max;

        public void Add(TValue value)
        {
            // A column without bounds (UUIDs) only counts: comparing two random ids per row would be thrown away.
            if (track)
            {
                if (Count == 0 || Order(value, _min) < 0)
                {
                    _min = value;
                }

                if (Count == 0 || Order(value, _max) > 0)
                {
                    _max = value;
                }
            }

            Count++;
        }

        // UUIDs order by their big-endian bytes; every other TValue here (long, int, bool, decimal) by its CLR order,
        // compared without a delegate call (the type test is resolved when the method is compiled for TValue).
        private static int Order(TValue left, TValue right) => typeof(TValue) == typeof(Guid)
            ? SingleValue.CompareUuid((Guid)(object)left, (Guid)(object)right)
            : Comparer<TValue>.Default.Compare(left, right);
    }
}

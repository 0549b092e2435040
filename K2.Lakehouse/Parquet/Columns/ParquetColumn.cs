using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Writing;
using Parquet;
using ParquetField = Parquet.Schema.Field;

namespace K2.Lakehouse.Parquet.Columns;

/// <summary>
/// Writes one Iceberg column into Parquet row groups and records its Iceberg metrics. One subclass per column
/// shape, so each knows its Parquet representation (spec Appendix A) and its definition/repetition levels.
/// </summary>
internal abstract class ParquetColumn(NestedField field)
{
    public NestedField Field { get; } = field;

    /// <summary>The top-level Parquet.Net field placed in the file schema.</summary>
    public abstract ParquetField ParquetField { get; }

    /// <summary>Dotted Parquet paths of the leaf columns and the Iceberg ids they carry (for column sizes).</summary>
    public abstract IReadOnlyDictionary<string, int> LeafFieldIds { get; }

    /// <summary>Registers the footer corrections this column needs.</summary>
    public virtual void Plan(ParquetFooterPlan plan)
    {
    }

    /// <summary>Writes one row group's values (one per row, in the column's in-memory form).</summary>
    public abstract Task WriteAsync(ParquetRowGroupWriter rowGroup, IReadOnlyList<object?> values, ColumnMetrics metrics, CancellationToken cancellationToken);

    /// <summary>
    /// Writes one row group's values read from <paramref name="rows"/> through <paramref name="column"/>. Columns that
    /// know the binding's type override this to fill their buffers without boxing; the result is the same file.
    /// </summary>
    public virtual Task WriteAsync<T>(ParquetRowGroupWriter rowGroup, IReadOnlyList<T> rows, RowColumn<T> column, ColumnMetrics metrics, CancellationToken cancellationToken) =>
        WriteAsync(rowGroup, Boxed(rows, column), metrics, cancellationToken);

    protected static object?[] Boxed<T>(IReadOnlyList<T> rows, RowColumn<T> column)
    {
        var values = new object?[rows.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = column.ReadBoxed(rows[i]);
        }

        return values;
    }

    protected InvalidOperationException RequiredValueMissing() =>
        new($"Column '{Field.Name}' is required but a row has no value for it.");
}

using K2.Lakehouse.Iceberg.Types;
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

    protected InvalidOperationException RequiredValueMissing() =>
        new($"Column '{Field.Name}' is required but a row has no value for it.");
}

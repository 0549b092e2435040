namespace K2.Lakehouse.Parquet;

/// <summary>
/// Corrections K2 applies to the footer Parquet.Net writes, each one closing a gap between what Parquet.Net 6 can
/// express and what the Iceberg spec (Appendix A) requires. Paths are dotted schema paths, e.g.
/// <c>trade_conditions.list.element</c>.
/// </summary>
internal sealed class ParquetFooterPlan
{
    /// <summary>
    /// Field ids for LIST and MAP groups: Parquet.Net only puts ids on leaf columns, but Iceberg readers
    /// resolve nested columns by the id on the group itself.
    /// </summary>
    public Dictionary<string, int> GroupFieldIds { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// INT64 columns K2 filled with microseconds that must be annotated TIMESTAMP(MICROS, UTC). K2 writes them as
    /// plain longs because Parquet.Net's own timestamp path records min/max statistics in milliseconds, which
    /// makes engines that trust row-group statistics (DuckDB does) skip row groups that match.
    /// </summary>
    public HashSet<string> TimestampMicrosColumns { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Columns whose min/max statistics Parquet.Net gets wrong and that K2 therefore removes from the footer:
    /// UUID statistics are written in .NET's mixed-endian byte order and ordered by <see cref="Guid.CompareTo(Guid)"/>.
    /// </summary>
    public HashSet<string> ColumnsWithoutMinMax { get; } = new(StringComparer.Ordinal);
}

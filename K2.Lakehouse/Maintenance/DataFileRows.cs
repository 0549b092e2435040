using System.Data.Common;
using DuckDB.NET.Data;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Writing;

namespace K2.Lakehouse.Maintenance;

/// <summary>
/// Reads whole data files back into the in-memory value forms <see cref="DataFileWriter"/> writes (one
/// <c>object?[]</c> per row, in schema field order), for any table schema: compaction must carry every column,
/// including columns added after the model was written, not just the ones <c>Trade</c> or <c>Quote</c> know.
/// DuckDB binds Parquet columns by name (as the query reader does); a column that none of the files has yet reads as null.
/// </summary>
internal static class DataFileRows
{
    /// <summary>The row layout that writes such rows back: field <c>i</c> of the schema is element <c>i</c>.</summary>
    public static RowLayout<object?[]> Layout(IcebergSchema schema) =>
        new(schema.Fields.Select((field, index) => (field.Id, index))
            .ToDictionary(c => c.Id, c => (Func<object?[], object?>)(row => row[c.index])));

    public static async Task<List<object?[]>> ReadAsync(
        IReadOnlyList<string> paths,
        IcebergSchema schema,
        LakehouseOptions options,
        CancellationToken cancellationToken)
    {
        await using var connection = await DuckDbSession.OpenAsync(options, cancellationToken);
        var present = await ColumnNamesAsync(connection, paths, cancellationToken);
        var columns = schema.Fields.Select((field, index) => (field, index)).Where(c => present.Contains(c.field.Name)).ToList();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {string.Join(", ", columns.Select(c => Expression(c.field)))} FROM {HistorySql.PlannedFiles}";
        command.Parameters.Add(new DuckDBParameter("files", paths.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<object?[]>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var row = new object?[schema.Fields.Count];
            for (var ordinal = 0; ordinal < columns.Count; ordinal++)
            {
                row[columns[ordinal].index] = reader.IsDBNull(ordinal) ? null : Value(reader, ordinal, columns[ordinal].field.Type);
            }

            rows.Add(row);
        }

        return rows;
    }

    private static async Task<HashSet<string>> ColumnNamesAsync(DuckDBConnection connection, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {HistorySql.PlannedFiles} LIMIT 0";
        command.Parameters.Add(new DuckDBParameter("files", paths.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>Timestamps as epoch microseconds, so they come back exact; everything else as stored.</summary>
    private static string Expression(NestedField field)
    {
        var quoted = $"\"{field.Name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
        return field.Type is PrimitiveType { Kind: PrimitiveKind.TimestampTz } ? $"epoch_us({quoted})" : quoted;
    }

    private static object Value(DbDataReader reader, int ordinal, IcebergType type) => type switch
    {
        PrimitiveType { Kind: PrimitiveKind.Long or PrimitiveKind.TimestampTz } => reader.GetInt64(ordinal),
        PrimitiveType { Kind: PrimitiveKind.Int } => reader.GetInt32(ordinal),
        PrimitiveType { Kind: PrimitiveKind.Boolean } => reader.GetBoolean(ordinal),
        PrimitiveType { Kind: PrimitiveKind.Uuid } => reader.GetGuid(ordinal),
        PrimitiveType { Kind: PrimitiveKind.Decimal } => reader.GetDecimal(ordinal),
        PrimitiveType { Kind: PrimitiveKind.String } => reader.GetString(ordinal),
        ListType { Element: PrimitiveType { Kind: PrimitiveKind.String } } => reader.GetFieldValue<List<string>>(ordinal),
        MapType { Key: PrimitiveType { Kind: PrimitiveKind.String }, Value: PrimitiveType { Kind: PrimitiveKind.String } } =>
            new Dictionary<string, string>(reader.GetFieldValue<Dictionary<string, string>>(ordinal), StringComparer.Ordinal),
        _ => throw new NotSupportedException($"Compaction cannot read columns of type {type} yet."),
    };
}

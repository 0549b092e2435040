using DuckDB.NET.Data;

namespace K2.Lakehouse.Tests.Infrastructure;

/// <summary>Direct DuckDB queries over one Parquet file, to inspect what is physically in it.</summary>
public static class RawDuckDb
{
    /// <summary>One expression evaluated for every row of <paramref name="path"/>, in file order.</summary>
    public static async Task<List<T>> ColumnAsync<T>(string path, string expression)
    {
        var rows = await QueryAsync($"SELECT {expression} FROM read_parquet($path)", ("path", path));
        return rows.Select(r => (T)r[0]!).ToList();
    }

    public static async Task<List<object?[]>> QueryAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new DuckDBConnection("DataSource=:memory:");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.Add(new DuckDBParameter(name, value));
        }

        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}

using K2.Contracts.Model;
using Parquet;
using Parquet.Schema;

namespace K2.Api.Query.Export;

/// <summary>
/// One Parquet file: decimals as DECIMAL(18,8), timestamps as TIMESTAMP(MICROS, UTC), sequences as optional INT64,
/// text as UTF-8 strings. Parquet's footer comes last and Parquet.Net seeks while writing, so the file is built in
/// memory (bounded by the row cap) and then copied to the response.
/// </summary>
internal sealed class ParquetExportWriter : IExportWriter
{
    public string ContentType => "application/vnd.apache.parquet";

    public async Task WriteAsync(Stream body, IReadOnlyList<ExportColumn> columns, IReadOnlyList<Trade> rows, bool truncated, CancellationToken cancellationToken)
    {
        var fields = columns.Select(Field).ToList();
        using var file = new MemoryStream();
        await using (var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file, cancellationToken: cancellationToken))
        {
            using var rowGroup = writer.CreateRowGroup();
            for (var i = 0; i < columns.Count; i++)
            {
                var column = columns[i];
                switch (column.Kind)
                {
                    case ExportKind.Exact:
                        await rowGroup.WriteAsync<decimal>(fields[i], rows.Select(r => (decimal)column.Value(r)!).ToArray(), cancellationToken: cancellationToken);
                        break;
                    case ExportKind.Instant:
                        await rowGroup.WriteAsync<DateTime>(fields[i], rows.Select(r => UtcMicros.Truncate((DateTimeOffset)column.Value(r)!).UtcDateTime).ToArray(), cancellationToken: cancellationToken);
                        break;
                    case ExportKind.Sequence:
                        await rowGroup.WriteAsync<long>(fields[i], rows.Select(r => (long?)column.Value(r)).ToArray(), cancellationToken: cancellationToken);
                        break;
                    default:
                        await rowGroup.WriteAsync(fields[i], rows.Select(r => (string?)column.Value(r)).ToArray());
                        break;
                }
            }
        }

        file.Position = 0;
        await file.CopyToAsync(body, cancellationToken);
    }

    private static DataField Field(ExportColumn column) => column.Kind switch
    {
        ExportKind.Exact => new DecimalDataField(column.Name, MarketDecimal.Precision, MarketDecimal.Scale, isNullable: false),
        ExportKind.Instant => new DateTimeDataField(column.Name, DateTimeFormat.Timestamp, isAdjustedToUTC: true, unit: DateTimeTimeUnit.Micros, isNullable: false),
        ExportKind.Sequence => new DataField(column.Name, typeof(long), isNullable: true),
        _ => new DataField(column.Name, typeof(string), isNullable: false),
    };
}

using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;
using K2.Contracts.Model;

namespace K2.Api.Query.Export;

/// <summary>
/// An Arrow IPC stream with one record batch: decimals as decimal128(18, 8), timestamps as timestamp[us, UTC],
/// sequences as nullable int64, text as utf8. Built in memory (bounded by the row cap) and copied out, because the
/// Arrow writer's flushes are not all asynchronous and the server refuses synchronous writes.
/// </summary>
internal sealed class ArrowExportWriter : IExportWriter
{
    private static readonly Decimal128Type DecimalType = new(MarketDecimal.Precision, MarketDecimal.Scale);
    private static readonly TimestampType TimestampType = new(TimeUnit.Microsecond, "UTC");

    public string ContentType => "application/vnd.apache.arrow.stream";

    public async Task WriteAsync(Stream body, IReadOnlyList<ExportColumn> columns, IReadOnlyList<Trade> rows, bool truncated, CancellationToken cancellationToken)
    {
        var schema = new Schema([.. columns.Select(c => new Field(c.Name, TypeOf(c.Kind), nullable: c.Kind == ExportKind.Sequence))], metadata: null);
        using var batch = new RecordBatch(schema, columns.Select(c => Build(c, rows)), rows.Count);
        using var buffer = new MemoryStream();
        using (var writer = new ArrowStreamWriter(buffer, schema, leaveOpen: true))
        {
            await writer.WriteRecordBatchAsync(batch, cancellationToken);
            await writer.WriteEndAsync(cancellationToken);
        }

        buffer.Position = 0;
        await buffer.CopyToAsync(body, cancellationToken);
    }

    private static IArrowType TypeOf(ExportKind kind) => kind switch
    {
        ExportKind.Exact => DecimalType,
        ExportKind.Instant => TimestampType,
        ExportKind.Sequence => Int64Type.Default,
        _ => StringType.Default,
    };

    private static IArrowArray Build(ExportColumn column, IReadOnlyList<Trade> rows)
    {
        switch (column.Kind)
        {
            case ExportKind.Exact:
                var decimals = new Decimal128Array.Builder(DecimalType);
                foreach (var row in rows)
                {
                    decimals.Append((decimal)column.Value(row)!);
                }

                return decimals.Build();
            case ExportKind.Instant:
                var timestamps = new TimestampArray.Builder(TimestampType);
                foreach (var row in rows)
                {
                    timestamps.Append(UtcMicros.Truncate((DateTimeOffset)column.Value(row)!));
                }

                return timestamps.Build();
            case ExportKind.Sequence:
                var longs = new Int64Array.Builder();
                foreach (var row in rows)
                {
                    if (column.Value(row) is long value)
                    {
                        longs.Append(value);
                    }
                    else
                    {
                        longs.AppendNull();
                    }
                }

                return longs.Build();
            default:
                var strings = new StringArray.Builder();
                foreach (var row in rows)
                {
                    strings.Append((string)column.Value(row)!);
                }

                return strings.Build();
        }
    }
}

using K2.Lakehouse.Bars;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Parquet;
using K2.Lakehouse.Storage;
using Microsoft.Extensions.Options;
using Parquet;

namespace K2.Lakehouse.Writing;

/// <summary>
/// Turns a batch of rows into Iceberg data files for a table's current schema, default partition spec and sort
/// order: rows are split by partition, sorted, and written to one file per partition (more only when a partition
/// exceeds the target file rows or size). A trades file also gets its 1-minute bar sidecar (<see cref="BarSidecar"/>),
/// published right after it. The files are not part of the table until a commit adds them.
/// </summary>
public sealed class DataFileWriter(IWarehouseStorage storage, IOptions<LakehouseOptions> options)
{
    private readonly LakehouseOptions _options = options.Value;

    public async Task<IReadOnlyList<DataFile>> WriteAsync<T>(
        TableMetadata table,
        IReadOnlyList<T> rows,
        RowLayout<T> layout,
        CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var schema = table.CurrentSchema;
        var spec = table.DefaultSpec;
        var bindings = schema.Fields.Select(field => Binding(layout, field)).ToList();
        var partitionTypes = PartitionTypes.Of(spec, schema);
        var comparer = new SortOrderComparer<T>(table.DefaultSortOrder, schema, id => Binding(layout, schema.FindField(id)!));
        var partitioning = new BatchPartitions<T>(spec, id => Binding(layout, schema.FindField(id)!));
        var barColumns = _options.WriteBarSidecars ? TradeBarColumns.Of(schema) : null;
        var batchId = Guid.NewGuid();
        var files = new List<DataFile>();

        var partitions = partitioning.Split(rows)
            .OrderBy(partition => PartitionPaths.For(spec, partitionTypes, partition.Key), StringComparer.Ordinal);
        foreach (var partition in partitions)
        {
            var sorted = comparer.Sort(partition.Rows);
            var directory = $"{table.Location}/data/{PartitionPaths.For(spec, partitionTypes, partition.Key)}";
            var offset = 0;
            while (offset < sorted.Count)
            {
                var location = $"{directory}/{batchId:N}-{files.Count:D5}.parquet";
                var (written, consumed) = await WriteFileAsync(location, schema, bindings, sorted, offset, cancellationToken);
                if (barColumns is not null)
                {
                    // Before the file can be committed, so a committed trades file written here always has its bars.
                    var bars = MinuteBars.Of(sorted.GetRange(offset, consumed), bindings, barColumns);
                    await BarSidecar.WriteAsync(storage, location, bars, cancellationToken);
                }

                offset += consumed;
                files.Add(ToDataFile(written, spec, partition.Key, table.DefaultSortOrderId));
            }
        }

        return files;
    }

    /// <summary>Writes rows from <paramref name="offset"/> until the partition ends or the file reaches its target size.</summary>
    private async Task<(WrittenParquetFile File, int Rows)> WriteFileAsync<T>(
        string location,
        IcebergSchema schema,
        IReadOnlyList<RowColumn<T>> bindings,
        List<T> rows,
        int offset,
        CancellationToken cancellationToken)
    {
        var pending = await storage.CreateAsync(location, cancellationToken);
        ParquetFileWriter created;
        try
        {
            created = await ParquetFileWriter.CreateAsync(pending, schema, Encoding, cancellationToken);
        }
        catch
        {
            await pending.DisposeAsync();
            throw;
        }

        await using var writer = created;
        var consumed = 0;
        while (offset + consumed < rows.Count && consumed < _options.TargetFileRows && writer.BytesWritten < _options.TargetFileSizeBytes)
        {
            var count = Math.Min(Math.Min(_options.RowGroupRows, _options.TargetFileRows - consumed), rows.Count - offset - consumed);
            await writer.WriteRowGroupAsync(rows.GetRange(offset + consumed, count), bindings, cancellationToken);
            consumed += count;
        }

        return (await writer.CompleteAsync(cancellationToken), consumed);
    }

    private DataFile ToDataFile(WrittenParquetFile file, PartitionSpec spec, PartitionData partition, int sortOrderId) => new()
    {
        Location = file.Location,
        SpecId = spec.SpecId,
        Partition = partition,
        RecordCount = file.RecordCount,
        FileSizeInBytes = file.FileSizeInBytes,
        ColumnSizes = file.ColumnSizes,
        ValueCounts = file.Metrics.ValueCounts,
        NullValueCounts = file.Metrics.NullValueCounts,
        LowerBounds = file.Metrics.LowerBounds(_options.MetricsStringTruncateLength),
        UpperBounds = file.Metrics.UpperBounds(_options.MetricsStringTruncateLength),
        SplitOffsets = file.SplitOffsets,
        SortOrderId = sortOrderId,
    };

    private ParquetEncoding Encoding => new(
        _options.Compression switch
        {
            ParquetCompression.Snappy => CompressionMethod.Snappy,
            ParquetCompression.Zstd => CompressionMethod.Zstd,
            _ => throw new InvalidOperationException($"Unknown compression {_options.Compression}."),
        },
        _options.CompressionLevel,
        _options.DictionaryEncodeStrings,
        _options.StringDictionarySampleSize);

    private static RowColumn<T> Binding<T>(RowLayout<T> layout, NestedField field) =>
        layout.Column(field.Id) ?? (field.Required
            ? throw new InvalidOperationException($"Required column '{field.Name}' (id {field.Id}) has no binding in the row layout.")
            : new BoxedRowColumn<T>(_ => null));
}

using Parquet;

namespace K2.Lakehouse.Parquet;

/// <summary>
/// Facts read back from a finished file's footer: on-disk size per leaf column and row-group start offsets.
/// Reading the footer back with Parquet.Net also proves the corrected footer still parses.
/// </summary>
internal sealed record ParquetFileFacts(long RowCount, IReadOnlyDictionary<string, long> ColumnSizes, IReadOnlyList<long> SplitOffsets)
{
    public static async Task<ParquetFileFacts> ReadAsync(Stream file, CancellationToken cancellationToken)
    {
        file.Position = 0;
        await using var reader = await ParquetReader.CreateAsync(file, leaveStreamOpen: true, cancellationToken: cancellationToken);
        var metadata = reader.Metadata ?? throw new InvalidDataException("Parquet file has no metadata.");
        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var offsets = new List<long>();
        foreach (var rowGroup in metadata.RowGroups)
        {
            long? start = null;
            foreach (var chunk in rowGroup.Columns)
            {
                var column = chunk.MetaData ?? throw new InvalidDataException("Column chunk has no metadata.");
                var path = string.Join('.', column.PathInSchema);
                sizes[path] = sizes.GetValueOrDefault(path) + column.TotalCompressedSize;
                var chunkStart = column.DictionaryPageOffset is > 0 ? column.DictionaryPageOffset.Value : column.DataPageOffset;
                start = start is null ? chunkStart : Math.Min(start.Value, chunkStart);
            }

            if (start is { } offset)
            {
                offsets.Add(offset);
            }
        }

        offsets.Sort();
        return new ParquetFileFacts(metadata.NumRows, sizes, offsets);
    }
}

using K2.Lakehouse.Iceberg.Json;
using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Parquet.Columns;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Writing;
using Parquet;
using Parquet.Schema;

namespace K2.Lakehouse.Parquet;

/// <summary>What one finished Parquet data file contributes to its manifest entry.</summary>
internal sealed record WrittenParquetFile(
    string Location,
    long RecordCount,
    long FileSizeInBytes,
    IReadOnlyDictionary<int, long> ColumnSizes,
    ColumnMetrics Metrics,
    IReadOnlyList<long> SplitOffsets);

/// <summary>
/// Writes one Iceberg data file: every column of the schema (the spec forbids omitting known fields), row group by
/// row group, then corrects the footer and publishes the file atomically.
/// </summary>
internal sealed class ParquetFileWriter : IAsyncDisposable
{
    /// <summary>Parquet key-value metadata holding the Iceberg schema, as Java writers record it.</summary>
    public const string IcebergSchemaKey = "iceberg.schema";

    private readonly IPendingFile _file;
    private readonly ParquetWriter _writer;
    private readonly IReadOnlyList<ParquetColumn> _columns;
    private readonly ParquetFooterPlan _plan;
    private readonly ColumnMetrics _metrics = new();
    private bool _writerClosed;

    private ParquetFileWriter(IPendingFile file, ParquetWriter writer, IReadOnlyList<ParquetColumn> columns, ParquetFooterPlan plan)
    {
        _file = file;
        _writer = writer;
        _columns = columns;
        _plan = plan;
    }

    public long RecordCount { get; private set; }

    /// <summary>Bytes written so far (row groups are flushed as they complete); drives file rolling.</summary>
    public long BytesWritten => _file.Content.Length;

    public static async Task<ParquetFileWriter> CreateAsync(
        IPendingFile file,
        IcebergSchema schema,
        ParquetEncoding encoding,
        CancellationToken cancellationToken)
    {
        var columns = schema.Fields.Select(ParquetColumns.For).ToList();
        var plan = new ParquetFooterPlan();
        foreach (var column in columns)
        {
            column.Plan(plan);
        }

        var parquetSchema = new ParquetSchema(columns.Select(c => c.ParquetField));
        var options = new ParquetOptions
        {
            CompressionMethod = encoding.Compression,
            CompressionLevel = encoding.CompressionLevel,
            DictionaryEncodingSampleSize = encoding.StringDictionarySampleSize,
        };
        if (encoding.DictionaryEncodeStrings)
        {
            // Only a hint: Parquet.Net keeps a column whose values are mostly unique plain.
            foreach (var column in columns.OfType<StringColumn>())
            {
                options.ColumnEncodingHints[column.ParquetField.Path.ToString()] = EncodingHint.Dictionary;
            }
        }

        var writer = await ParquetWriter.CreateAsync(parquetSchema, file.Content, options, cancellationToken: cancellationToken);
        writer.CustomMetadata = new Dictionary<string, string> { [IcebergSchemaKey] = SchemaJson.SchemaToString(schema) };
        return new ParquetFileWriter(file, writer, columns, plan);
    }

    /// <summary>Writes <paramref name="rows"/> as one row group; <paramref name="bindings"/> reads each schema field, in order.</summary>
    public async Task WriteRowGroupAsync<T>(IReadOnlyList<T> rows, IReadOnlyList<RowColumn<T>> bindings, CancellationToken cancellationToken)
    {
        using (var rowGroup = _writer.CreateRowGroup())
        {
            for (var i = 0; i < _columns.Count; i++)
            {
                await _columns[i].WriteAsync(rowGroup, rows, bindings[i], _metrics, cancellationToken);
            }

            rowGroup.CompleteValidate();
        }

        RecordCount += rows.Count;
    }

    public async Task<WrittenParquetFile> CompleteAsync(CancellationToken cancellationToken)
    {
        await _writer.DisposeAsync();
        _writerClosed = true;
        await ParquetFooterRewriter.RewriteAsync(_file.Content, _plan, cancellationToken);
        var facts = await ParquetFileFacts.ReadAsync(_file.Content, cancellationToken);
        if (facts.RowCount != RecordCount)
        {
            throw new InvalidDataException($"Parquet footer counts {facts.RowCount} rows, {RecordCount} were written.");
        }

        var leafIds = _columns.SelectMany(c => c.LeafFieldIds).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        var columnSizes = facts.ColumnSizes.Where(p => leafIds.ContainsKey(p.Key)).ToDictionary(p => leafIds[p.Key], p => p.Value);
        var size = await _file.PublishAsync(cancellationToken);
        return new WrittenParquetFile(_file.Location, RecordCount, size, columnSizes, _metrics, facts.SplitOffsets);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_writerClosed)
        {
            await _writer.DisposeAsync();
        }

        await _file.DisposeAsync();
    }
}

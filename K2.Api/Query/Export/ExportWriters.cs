using K2.Contracts.Model;

namespace K2.Api.Query.Export;

/// <summary>Writes exported trades in one format.</summary>
public interface IExportWriter
{
    string ContentType { get; }

    Task WriteAsync(Stream body, IReadOnlyList<ExportColumn> columns, IReadOnlyList<Trade> rows, bool truncated, CancellationToken cancellationToken);
}

/// <summary>The writer of each format.</summary>
public static class ExportWriters
{
    public static IExportWriter For(ExportFormat format) => format switch
    {
        ExportFormat.Json => new JsonExportWriter(),
        ExportFormat.Csv => new CsvExportWriter(),
        ExportFormat.Parquet => new ParquetExportWriter(),
        ExportFormat.Arrow => new ArrowExportWriter(),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}

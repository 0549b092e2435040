using System.Text;
using K2.Contracts.Model;

namespace K2.Api.Query.Export;

/// <summary>
/// RFC 4180 CSV: a header row of field names, then one line per trade (CRLF), values as in JSON (exact decimal
/// text, ISO-8601 UTC timestamps), an empty field for a missing value, quotes where a value needs them.
/// </summary>
internal sealed class CsvExportWriter : IExportWriter
{
    private const int FlushEveryRows = 1_000;
    private const string LineEnd = "\r\n";

    public string ContentType => "text/csv";

    public async Task WriteAsync(Stream body, IReadOnlyList<ExportColumn> columns, IReadOnlyList<Trade> rows, bool truncated, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), leaveOpen: true) { NewLine = LineEnd };
        await writer.WriteAsync(string.Join(',', columns.Select(c => c.Name)) + LineEnd);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            await writer.WriteAsync(string.Join(',', columns.Select(c => c.Value(row) is { } value ? Quote(ExportText.Format(value)) : string.Empty)) + LineEnd);
            if (i % FlushEveryRows == FlushEveryRows - 1)
            {
                await writer.FlushAsync(cancellationToken);
            }
        }

        await writer.FlushAsync(cancellationToken);
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

using System.Text.Json;
using K2.Api.Responses;
using K2.Contracts.Model;

namespace K2.Api.Query.Export;

/// <summary>
/// <c>{"fields": [...], "truncated": bool, "rows": [{...}]}</c>, written row by row and flushed in chunks. Decimals
/// are strings, timestamps ISO-8601 UTC with microseconds (see <see cref="WireFormat"/>), a missing value is null.
/// </summary>
internal sealed class JsonExportWriter : IExportWriter
{
    private const int FlushEveryRows = 1_000;

    public string ContentType => "application/json";

    public async Task WriteAsync(Stream body, IReadOnlyList<ExportColumn> columns, IReadOnlyList<Trade> rows, bool truncated, CancellationToken cancellationToken)
    {
        await using var json = new Utf8JsonWriter(body);
        json.WriteStartObject();
        json.WriteStartArray("fields");
        foreach (var column in columns)
        {
            json.WriteStringValue(column.Name);
        }

        json.WriteEndArray();
        json.WriteBoolean("truncated", truncated);
        json.WriteStartArray("rows");
        for (var i = 0; i < rows.Count; i++)
        {
            json.WriteStartObject();
            foreach (var column in columns)
            {
                json.WritePropertyName(column.Name);
                switch (column.Value(rows[i]))
                {
                    case null:
                        json.WriteNullValue();
                        break;
                    case long number:
                        json.WriteNumberValue(number);
                        break;
                    case object value:
                        json.WriteStringValue(ExportText.Format(value));
                        break;
                }
            }

            json.WriteEndObject();
            if (i % FlushEveryRows == FlushEveryRows - 1)
            {
                await json.FlushAsync(cancellationToken);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }
}

using System.Globalization;
using System.Text.Json;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using Microsoft.Extensions.Options;

namespace K2.Api.Query.Export;

/// <summary>Reads and validates the body of <c>POST /v1/trades/query</c>; every problem is a 400 with its own code.</summary>
public sealed class TradeQueryParser(IOptions<QueryOptions> options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, ExportFormat> Formats = new(StringComparer.Ordinal)
    {
        ["json"] = ExportFormat.Json,
        ["csv"] = ExportFormat.Csv,
        ["parquet"] = ExportFormat.Parquet,
        ["arrow"] = ExportFormat.Arrow,
    };

    public async Task<TradeQuery> ParseAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        TradeQueryBody? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<TradeQueryBody>(request.Body, Json, cancellationToken);
        }
        catch (JsonException exception)
        {
            throw BadRequest("invalid_body", $"The body is not a trade query: {exception.Message}");
        }

        return Validate(body ?? throw BadRequest("invalid_body", "The body is empty."));
    }

    public TradeQuery Validate(TradeQueryBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var limits = options.Value;
        if (body.Symbols is not { Count: > 0 } symbols || symbols.Count > limits.MaxExportSymbols)
        {
            throw BadRequest("invalid_symbol", $"symbols holds 1 to {limits.MaxExportSymbols} EXCHANGE/SYMBOL keys.");
        }

        var keys = symbols.Select(s => SymbolKey.TryParse(s, out var key) ? key : throw BadRequest("invalid_symbol", "symbols are EXCHANGE/SYMBOL keys of letters, digits, '.', '-' or '_'.")).Distinct().ToList();
        var from = HistoryRequestParser.ParseInstant(body.Start, "start");
        var until = HistoryRequestParser.ParseInstant(body.End, "end");
        if (from is { } f && until is { } u && f >= u)
        {
            throw BadRequest("invalid_time_range", "start must be before end.");
        }

        var columns = body.Fields is null
            ? ExportColumn.All
            : body.Fields.Count > 0 && body.Fields.Distinct(StringComparer.Ordinal).Count() == body.Fields.Count
                ? [.. body.Fields.Select(name => ExportColumn.TryGet(name, out var column) ? column : throw BadRequest("invalid_field", $"fields are from: {string.Join(", ", ExportColumn.All.Select(c => c.Name))}."))]
                : throw BadRequest("invalid_field", "fields must name at least one field, each once.");
        var format = body.Format is null ? ExportFormat.Json
            : Formats.TryGetValue(body.Format, out var known) ? known
            : throw BadRequest("invalid_format", $"format is one of {string.Join(", ", Formats.Keys)}.");
        var limit = body.Limit ?? limits.MaxExportRows;
        if (limit < 1 || limit > limits.MaxExportRows)
        {
            throw BadRequest("invalid_limit", $"limit must be a whole number from 1 to {limits.MaxExportRows}.");
        }

        return new TradeQuery(
            keys,
            from,
            until,
            columns,
            Bound(body.MinPrice, "minPrice"),
            Bound(body.MaxPrice, "maxPrice"),
            Bound(body.MinQuantity, "minQuantity"),
            Bound(body.MaxQuantity, "maxQuantity"),
            format,
            limit,
            HistoryRequestParser.ParseTimeTravel(body.AsOfSnapshot, body.AsOf));
    }

    /// <summary>An exact decimal that fits the columns' DECIMAL(18,8), or a 400.</summary>
    private static decimal? Bound(string? text, string name)
    {
        if (text is null)
        {
            return null;
        }

        return decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && MarketDecimal.Fits(value)
            ? value
            : throw BadRequest("invalid_bound", $"{name} must be a decimal string with at most 8 decimals that fits DECIMAL(18,8), e.g. \"36.5\".");
    }

    private static ApiException BadRequest(string error, string message) => new(StatusCodes.Status400BadRequest, error, message);
}

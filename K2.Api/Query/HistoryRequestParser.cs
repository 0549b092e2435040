using System.Globalization;
using K2.Api.Query.Cursors;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using Microsoft.Extensions.Options;

namespace K2.Api.Query;

/// <summary>
/// Validates history query parameters. Every problem is a 400 with a specific error code; nothing a client sends
/// reaches SQL except as a typed, validated parameter.
/// </summary>
public sealed class HistoryRequestParser(IOptions<QueryOptions> options, CursorCodec cursors)
{
    private const DateTimeStyles TimeStyles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;

    public HistoryRequest Parse(HistoryQueryText text, string table)
    {
        ArgumentNullException.ThrowIfNull(text);
        var limits = options.Value;
        var symbol = ParseSymbol(text.Exchange, text.Symbol);
        var from = ParseInstant(text.Start, "start");
        var until = ParseInstant(text.End, "end");
        if (from is { } f && until is { } u && f >= u)
        {
            throw BadRequest("invalid_time_range", "start must be before end.");
        }

        var limit = ParseLimit(text.Limit, limits);
        var descending = ParseOrder(text.Order);
        HistoryKey? after = null;
        if (text.Cursor is { } cursor)
        {
            after = cursors.TryDecode(cursor, new CursorScope(table, symbol.Exchange, symbol.Symbol, descending), out var position)
                ? position
                : throw BadRequest("invalid_cursor", "cursor is not a cursor this API issued for this table, symbol and order.");
        }

        return new HistoryRequest(symbol, from, until, limit, descending, after, ParseTimeTravel(text.AsOfSnapshot, text.AsOf));
    }

    public static SymbolKey ParseSymbol(string? exchange, string? symbol) =>
        SymbolKey.IsValidPart(exchange) && SymbolKey.IsValidPart(symbol)
            ? new SymbolKey(exchange!, symbol!)
            : throw BadRequest("invalid_symbol", "exchange and symbol are required: 1-64 characters of letters, digits, '.', '-' or '_'.");

    public static int ParseLimit(string? text, QueryOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (text is null)
        {
            return limits.DefaultLimit;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) && limit >= 1 && limit <= limits.MaxLimit
            ? limit
            : throw BadRequest("invalid_limit", $"limit must be a whole number from 1 to {limits.MaxLimit}.");
    }

    public static bool ParseOrder(string? text) => text?.ToUpperInvariant() switch
    {
        null or "DESC" => true,
        "ASC" => false,
        _ => throw BadRequest("invalid_order", "order is 'asc' or 'desc'."),
    };

    public static DateTimeOffset? ParseInstant(string? text, string name)
    {
        if (text is null)
        {
            return null;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, TimeStyles, out var instant) && UtcMicros.IsWholeMicros(instant)
            ? instant
            : throw BadRequest("invalid_time", $"{name} must be an ISO-8601 instant with at most microsecond precision, e.g. 2014-03-11T00:00:00Z.");
    }

    public static SnapshotSelection? ParseTimeTravel(string? asOfSnapshot, string? asOf)
    {
        if (asOfSnapshot is not null && asOf is not null)
        {
            throw BadRequest("invalid_time_travel", "give asOfSnapshot or asOf, not both.");
        }

        if (asOfSnapshot is not null)
        {
            return long.TryParse(asOfSnapshot, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)
                ? SnapshotSelection.ById(id)
                : throw BadRequest("invalid_time_travel", "asOfSnapshot must be a snapshot id (see GET /v1/snapshots).");
        }

        return ParseInstant(asOf, "asOf") is { } instant ? SnapshotSelection.AsOf(instant) : null;
    }

    private static ApiException BadRequest(string error, string message) => new(StatusCodes.Status400BadRequest, error, message);
}

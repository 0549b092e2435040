using System.Text.Json;
using K2.Contracts.Model;
using K2.Ingestion.Binance.Parsing;

namespace K2.Ingestion.Binance.GapRepair;

/// <summary>
/// Reads a <c>GET /api/v3/historicalTrades</c> body, <c>[{"id":28457,"price":"4.00000100","qty":"12.00000000",
/// "quoteQty":"48.000012","time":1499865549590,"isBuyerMaker":true,"isBestMatch":true}]</c>, into K2 trades marked as
/// backfilled. Same exact-decimal rules and id scheme as the stream, so a trade seen both ways deduplicates.
/// </summary>
internal static class BinanceHistoricalTradesReader
{
    /// <summary>Vendor entries a backfilled trade carries; sizes its dictionary once.</summary>
    private const int RestVendorEntries = 6;

    public static BinanceParseError? Read(
        ReadOnlySpan<byte> json, BinanceSymbol symbol, DateTimeOffset ingestedAt, List<Trade> trades)
    {
        try
        {
            return ReadArray(json, symbol, ingestedAt, trades);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: escapes that are not valid Unicode, as in BinanceTradeParser.
            return new BinanceParseError(BinanceParseErrorCode.InvalidJson, ex.Message);
        }
    }

    private static BinanceParseError? ReadArray(
        ReadOnlySpan<byte> json, BinanceSymbol symbol, DateTimeOffset ingestedAt, List<Trade> trades)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            return new BinanceParseError(BinanceParseErrorCode.UnrecognisedMessage, $"historicalTrades returns a JSON array, not {reader.TokenType}");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
        {
            if (ReadTrade(ref reader, symbol, ingestedAt, out var trade) is { } error)
            {
                return error;
            }

            trades.Add(trade!);
        }

        if (reader.TokenType != JsonTokenType.EndArray)
        {
            return new BinanceParseError(BinanceParseErrorCode.NotAnObject, $"historicalTrades items are objects, not {reader.TokenType}");
        }

        // The reader throws on anything but whitespace after the array; reading to the end proves it is whole.
        return reader.Read()
            ? new BinanceParseError(BinanceParseErrorCode.InvalidJson, "content follows the JSON array")
            : null;
    }

    private static BinanceParseError? ReadTrade(
        ref Utf8JsonReader reader, BinanceSymbol symbol, DateTimeOffset ingestedAt, out Trade? trade)
    {
        trade = null;
        var row = new RestRow();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (ReadProperty(ref reader, ref row) is { } error)
            {
                return error;
            }
        }

        if (row.FirstMissing() is { } missing)
        {
            return JsonFields.Missing(missing);
        }

        var vendorData = new Dictionary<string, string>(RestVendorEntries, StringComparer.Ordinal)
        {
            [BinanceVendorKeys.Source] = BinanceVendorKeys.SourceRest,
            [BinanceVendorKeys.Backfilled] = BinanceVendorKeys.True,
        };
        if (row.QuoteQuantity is not null)
        {
            vendorData[BinanceVendorKeys.QuoteQuantity] = row.QuoteQuantity;
        }

        var fields = new BinanceTradeFields(symbol, row.Id, row.Price, row.Quantity, row.Time, row.IsBuyerMaker, row.IsBestMatch);
        return BinanceTradeMapper.TryCreate(fields, ingestedAt, vendorData, out trade);
    }

    private static BinanceParseError? ReadProperty(ref Utf8JsonReader reader, ref RestRow row)
    {
        var field = RestRow.FieldOf(ref reader);
        reader.Read();
        if (field == RestRow.Field.None)
        {
            reader.Skip();
            return null;
        }

        var name = RestRow.WireName(field);
        if ((row.Present & field) != 0)
        {
            return JsonFields.Duplicate(name);
        }

        row.Present |= field;
        switch (field)
        {
            case RestRow.Field.Id:
                return JsonFields.ReadInt64(ref reader, name, out row.Id);
            case RestRow.Field.Price:
                return JsonFields.ReadDecimal(ref reader, name, out row.Price);
            case RestRow.Field.Quantity:
                return JsonFields.ReadDecimal(ref reader, name, out row.Quantity);
            case RestRow.Field.QuoteQuantity:
                var error = JsonFields.ReadDecimalText(ref reader, name, out var quote);
                row.QuoteQuantity = quote;
                return error;
            case RestRow.Field.Time:
                return JsonFields.ReadInt64(ref reader, name, out row.Time);
            case RestRow.Field.IsBuyerMaker:
                return JsonFields.ReadBoolean(ref reader, name, out row.IsBuyerMaker);
            default:
                var bestMatchError = JsonFields.ReadBoolean(ref reader, name, out var bestMatch);
                row.IsBestMatch = bestMatch;
                return bestMatchError;
        }
    }
}

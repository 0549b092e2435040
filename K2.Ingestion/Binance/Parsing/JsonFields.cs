using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace K2.Ingestion.Binance.Parsing;

/// <summary>
/// Typed reads of single JSON values shared by the stream and REST parsers. Each expects the reader positioned on
/// the value and returns null on success or the error to report; none throws for bad input.
/// </summary>
internal static class JsonFields
{
    /// <summary>Longest string value (escaped form) unescaped on the stack; Binance numbers and symbols are far shorter.</summary>
    private const int MaxStringBytes = 64;

    /// <summary>How much of an offending value an error message quotes.</summary>
    private const int PreviewBytes = 48;

    public static BinanceParseError? ReadInt64(ref Utf8JsonReader reader, string field, out long value)
    {
        value = 0;
        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value)
            ? null
            : WrongType(ref reader, field, "a 64-bit integer");
    }

    public static BinanceParseError? ReadBoolean(ref Utf8JsonReader reader, string field, out bool value)
    {
        value = reader.TokenType == JsonTokenType.True;
        return reader.TokenType is JsonTokenType.True or JsonTokenType.False
            ? null
            : WrongType(ref reader, field, "true or false");
    }

    /// <summary>A decimal carried as a JSON string (Binance never sends prices as JSON numbers).</summary>
    public static BinanceParseError? ReadDecimal(ref Utf8JsonReader reader, string field, out decimal value)
    {
        value = 0m;
        if (!TryGetString(ref reader, MaxStringBytes, out var text))
        {
            return WrongType(ref reader, field, $"a decimal string of at most {MaxStringBytes} bytes");
        }

        return DecimalText.TryParse(text, out value) switch
        {
            DecimalTextStatus.Ok => null,
            DecimalTextStatus.OutOfRange => new BinanceParseError(
                BinanceParseErrorCode.DecimalOutOfRange,
                $"field '{field}' value \"{Preview(text)}\" does not fit DECIMAL(18,8)"),
            _ => new BinanceParseError(
                BinanceParseErrorCode.InvalidDecimal,
                $"field '{field}' value \"{Preview(text)}\" is not a plain decimal number"),
        };
    }

    /// <summary>Checks a decimal string's syntax only, keeping its text (for values K2 stores verbatim, e.g. quoteQty).</summary>
    public static BinanceParseError? ReadDecimalText(ref Utf8JsonReader reader, string field, out string value)
    {
        value = string.Empty;
        if (!TryGetString(ref reader, MaxStringBytes, out var text))
        {
            return WrongType(ref reader, field, $"a decimal string of at most {MaxStringBytes} bytes");
        }

        if (DecimalText.TryParse(text, out _) == DecimalTextStatus.Malformed)
        {
            return new BinanceParseError(
                BinanceParseErrorCode.InvalidDecimal,
                $"field '{field}' value \"{Preview(text)}\" is not a plain decimal number");
        }

        value = Encoding.ASCII.GetString(text);
        return null;
    }

    public static BinanceParseError? ReadSymbol(
        ref Utf8JsonReader reader, string field, BinanceSymbolResolver symbols, out BinanceSymbol? symbol)
    {
        symbol = null;
        if (!TryGetString(ref reader, MaxStringBytes, out var text))
        {
            return WrongType(ref reader, field, "a symbol string");
        }

        return symbols.TryResolve(text, out symbol)
            ? null
            : new BinanceParseError(
                BinanceParseErrorCode.InvalidSymbol,
                $"field '{field}' value \"{Preview(text)}\" is not an upper-case symbol ending in a known quote asset");
    }

    /// <summary>
    /// The current string value as UTF-8, read in place. Only a value with JSON escapes (Binance sends none) is
    /// copied out, unescaped, to a new array.
    /// </summary>
    public static bool TryGetString(ref Utf8JsonReader reader, int maxBytes, out ReadOnlySpan<byte> text)
    {
        text = default;
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > maxBytes)
        {
            return false;
        }

        if (!reader.ValueIsEscaped)
        {
            text = reader.ValueSpan;
            return true;
        }

        var unescaped = new byte[reader.ValueSpan.Length];
        text = unescaped.AsSpan(0, reader.CopyString(unescaped));
        return true;
    }

    public static BinanceParseError Missing(string field) =>
        new(BinanceParseErrorCode.MissingField, $"field '{field}' is missing");

    public static BinanceParseError Duplicate(string field) =>
        new(BinanceParseErrorCode.DuplicateField, $"field '{field}' appears more than once");

    /// <summary>Quotes raw bytes for an error message; invalid UTF-8 becomes replacement characters, never an exception.</summary>
    public static string Preview(ReadOnlySpan<byte> raw) =>
        Encoding.UTF8.GetString(raw[..Math.Min(raw.Length, PreviewBytes)]);

    [SuppressMessage("Style", "IDE0072:Add missing cases", Justification = "Only value tokens reach here.")]
    private static BinanceParseError WrongType(ref Utf8JsonReader reader, string field, string expected)
    {
        var actual = reader.TokenType switch
        {
            JsonTokenType.String => $"the string \"{Preview(reader.ValueSpan)}\"",
            JsonTokenType.Number => $"the number {Preview(reader.ValueSpan)}",
            _ => reader.TokenType.ToString(),
        };
        return new BinanceParseError(BinanceParseErrorCode.WrongFieldType, $"field '{field}' must be {expected}, not {actual}");
    }
}

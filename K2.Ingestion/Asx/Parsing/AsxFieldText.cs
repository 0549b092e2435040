using System.Text;

namespace K2.Ingestion.Asx.Parsing;

/// <summary>Reads typed fields and words their errors, naming the column and quoting what was found.</summary>
internal static class AsxFieldText
{
    // Keeps the error text readable; the dead letter's payload has the full bytes.
    private const int MaxQuotedBytes = 64;

    public static bool TryReadNumber(ReadOnlySpan<byte> text, string column, out decimal value, out AsxRowError error)
    {
        var status = AsxDecimalParser.TryParse(text, out value);
        error = status switch
        {
            AsxNumberStatus.Ok => default,
            AsxNumberStatus.Negative => Error(AsxRowErrorKind.NegativeNumber, column, text, "is negative"),
            AsxNumberStatus.OutOfRange => Error(AsxRowErrorKind.OutOfRange, column, text, "does not fit DECIMAL(18,8)"),
            _ => Error(AsxRowErrorKind.InvalidNumber, column, text, "is not a decimal number"),
        };
        return status == AsxNumberStatus.Ok;
    }

    public static bool TryReadText(ReadOnlySpan<byte> text, string column, Utf8StringPool pool, out string value, out AsxRowError error)
    {
        if (pool.TryGet(text, out value))
        {
            error = default;
            return true;
        }

        error = new AsxRowError(AsxRowErrorKind.InvalidText, $"{column} is not valid UTF-8");
        return false;
    }

    public static AsxRowError Error(AsxRowErrorKind kind, string column, ReadOnlySpan<byte> text, string problem)
    {
        var shown = text.Length > MaxQuotedBytes ? text[..MaxQuotedBytes] : text;
        var ellipsis = text.Length > MaxQuotedBytes ? "…" : string.Empty;
        return new AsxRowError(kind, $"{column} '{Encoding.UTF8.GetString(shown)}{ellipsis}' {problem}");
    }
}

using K2.Contracts.Model;

namespace K2.Ingestion.Asx.Parsing;

/// <summary>
/// Reads a plain decimal (<c>36.155</c>, <c>25400</c>, <c>0.0</c>) from UTF-8 bytes straight into DECIMAL(18, 8), exactly.
/// It is stricter than <see cref="decimal.TryParse(ReadOnlySpan{byte}, out decimal)"/> on purpose: no exponent, no
/// thousands separators, no spaces, no culture, and no silent rounding of digits past the 8th decimal.
/// </summary>
public static class AsxDecimalParser
{
    private const int MaxIntegerDigits = MarketDecimal.Precision - MarketDecimal.Scale;
    private const long UnscaledOne = 100_000_000L;

    public static AsxNumberStatus TryParse(ReadOnlySpan<byte> text, out decimal value)
    {
        value = 0m;
        var negative = !text.IsEmpty && text[0] == (byte)'-';
        var digits = negative ? text[1..] : text;
        var point = digits.IndexOf((byte)'.');
        var integerPart = point < 0 ? digits : digits[..point];
        var fractionPart = point < 0 ? [] : digits[(point + 1)..];

        // At least one digit overall; "5." and ".5" are accepted like every CSV writer would expect.
        if ((integerPart.IsEmpty && fractionPart.IsEmpty) || !AllDigits(integerPart) || !AllDigits(fractionPart))
        {
            return AsxNumberStatus.Invalid;
        }

        if (negative)
        {
            // Prices and volumes are never negative; a sign means the row is corrupt, whatever the digits say.
            return AsxNumberStatus.Negative;
        }

        integerPart = integerPart.TrimStart((byte)'0');
        fractionPart = fractionPart.TrimEnd((byte)'0');
        if (integerPart.Length > MaxIntegerDigits || fractionPart.Length > MarketDecimal.Scale)
        {
            return AsxNumberStatus.OutOfRange;
        }

        var unscaled = (Accumulate(integerPart) * UnscaledOne) + (Accumulate(fractionPart) * PowerOfTen(MarketDecimal.Scale - fractionPart.Length));
        value = MarketDecimal.FromUnscaled(unscaled);
        return AsxNumberStatus.Ok;
    }

    private static bool AllDigits(ReadOnlySpan<byte> text) => !text.ContainsAnyExceptInRange((byte)'0', (byte)'9');

    private static long Accumulate(ReadOnlySpan<byte> digits)
    {
        var result = 0L;
        foreach (var digit in digits)
        {
            result = (result * 10) + (digit - '0');
        }

        return result;
    }

    private static long PowerOfTen(int exponent)
    {
        var result = 1L;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}

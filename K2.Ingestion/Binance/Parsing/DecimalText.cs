using K2.Contracts.Model;

namespace K2.Ingestion.Binance.Parsing;

internal enum DecimalTextStatus
{
    Ok,
    Malformed,

    /// <summary>Well formed, but DECIMAL(18,8) cannot hold it without rounding.</summary>
    OutOfRange,
}

/// <summary>
/// Exact text → decimal for Binance's number strings (<c>"67123.45678901"</c>): plain digits with an optional
/// sign and fraction, read digit by digit into the DECIMAL(18,8) unscaled integer. No floating point, no culture,
/// no exponent. Trailing zeros past the eighth decimal are accepted because they lose nothing.
/// </summary>
internal static class DecimalText
{
    private const int IntegerDigits = MarketDecimal.Precision - MarketDecimal.Scale;
    private const int Base = 10;

    public static DecimalTextStatus TryParse(ReadOnlySpan<byte> text, out decimal value)
    {
        value = 0m;
        var negative = !text.IsEmpty && text[0] == (byte)'-';
        var integerStart = negative ? 1 : 0;
        var integerEnd = SkipDigits(text, integerStart);
        if (integerEnd == integerStart)
        {
            return DecimalTextStatus.Malformed;
        }

        var fractionStart = integerEnd;
        var fractionEnd = integerEnd;
        if (integerEnd < text.Length)
        {
            if (text[integerEnd] != (byte)'.')
            {
                return DecimalTextStatus.Malformed;
            }

            fractionStart = integerEnd + 1;
            fractionEnd = SkipDigits(text, fractionStart);
            if (fractionEnd == fractionStart || fractionEnd != text.Length)
            {
                return DecimalTextStatus.Malformed;
            }
        }

        var integer = text[integerStart..integerEnd].TrimStart((byte)'0');
        var fraction = text[fractionStart..fractionEnd].TrimEnd((byte)'0');
        if (integer.Length > IntegerDigits || fraction.Length > MarketDecimal.Scale)
        {
            return DecimalTextStatus.OutOfRange;
        }

        long unscaled = 0;
        foreach (var digit in integer)
        {
            unscaled = (unscaled * Base) + (digit - '0');
        }

        for (var i = 0; i < MarketDecimal.Scale; i++)
        {
            unscaled = (unscaled * Base) + (i < fraction.Length ? fraction[i] - '0' : 0);
        }

        value = MarketDecimal.FromUnscaled(negative ? -unscaled : unscaled);
        return DecimalTextStatus.Ok;
    }

    private static int SkipDigits(ReadOnlySpan<byte> text, int start)
    {
        var i = start;
        while (i < text.Length && char.IsAsciiDigit((char)text[i]))
        {
            i++;
        }

        return i;
    }
}

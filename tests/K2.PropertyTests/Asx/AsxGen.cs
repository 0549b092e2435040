using System.Globalization;
using CsCheck;
using K2.Contracts.Model;

namespace K2.PropertyTests.Asx;

/// <summary>Generators of ASX CSV rows: valid ones with the values they mean, and arbitrary field text.</summary>
internal static class AsxGen
{
    private const int IntegerDigits = MarketDecimal.Precision - MarketDecimal.Scale;
    private const int MaxFractionDigits = 6;
    private const int MaxTextLength = 8;

    /// <summary>Years the feed could plausibly carry; the tz rules for Sydney are known throughout.</summary>
    private const int FirstYear = 1990;
    private const int LastYear = 2037;

    /// <summary>A calendar date in the plausible range, any day of any month.</summary>
    public static readonly Gen<DateOnly> Date = Gen.Select(Gen.Int[FirstYear, LastYear], Gen.Int[1, 12], Gen.Int[1, 31])
        .Select((year, month, day) => new DateOnly(year, month, Math.Min(day, DateTime.DaysInMonth(year, month))));

    /// <summary>A time of day with 0 to 6 fraction digits, as text and as the ticks it means.</summary>
    public static readonly Gen<(string Text, TimeSpan Value)> Time = Gen.Select(
            Gen.Int[0, 23], Gen.Int[0, 59], Gen.Int[0, 59], Gen.Int[0, MaxFractionDigits], Gen.Int[0, 999_999])
        .Select((h, m, s, digits, fraction) =>
        {
            var text = string.Create(CultureInfo.InvariantCulture, $"{h:D2}:{m:D2}:{s:D2}");
            var micros = 0L;
            if (digits > 0)
            {
                var kept = fraction % (int)Math.Pow(10, digits);
                text += "." + kept.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0');
                micros = kept * (long)Math.Pow(10, MaxFractionDigits - digits);
            }

            return (text, new TimeSpan(h, m, s) + TimeSpan.FromTicks(micros * (TimeSpan.TicksPerMillisecond / 1000)));
        });

    /// <summary>A non-negative DECIMAL(18,8) as CSV text: "5", "5.", ".5", "036.1500", "0.0".</summary>
    public static readonly Gen<string> DecimalText = Gen.Select(
            Gen.Char['0', '9'].Array[0, IntegerDigits],
            Gen.Char['0', '9'].Array[0, MarketDecimal.Scale],
            Gen.Bool,
            Gen.Int[0, 2])
        .Select((integer, fraction, point, trailingZeros) =>
            new string(integer) + (point || fraction.Length > 0 ? "." + new string(fraction) + new string('0', trailingZeros) : string.Empty))
        .Where(text => text.Any(char.IsAsciiDigit));

    public static readonly Gen<string> PositiveDecimalText = DecimalText.Where(text => ValueOf(text) > 0m);

    /// <summary>Free text of a text column: any Unicode scalar values except the separators.</summary>
    public static readonly Gen<string> Text = Gen.Frequency(
        (2, Gen.Const(string.Empty)),
        (3, Gen.Char["ABCXYZ0123456789 #$%&*+-./:;<=>?@_|~"].Array[1, MaxTextLength].Select(chars => new string(chars))),
        (1, Gen.Int[0x80, 0x10FFFF].Where(c => c is < 0xD800 or > 0xDFFF).Array[1, 4].Select(codes => string.Concat(codes.Select(char.ConvertFromUtf32)))));

    /// <summary>What a corrupt feed could put in a field: digits, signs, exponents, spaces, unicode digits, commas.</summary>
    public static readonly Gen<string> AnyField = Gen.Frequency(
        (3, Gen.Char["0123456789.-+eE ,x/:"].Array[0, 14].Select(chars => new string(chars))),
        (1, Gen.OneOf("", "-0", "0", "00.000", "1e5", "NaN", "Infinity", "٣", "１２", "12345678901", "0.123456789", "99999999999.99999999", ".", "-", "5.", ".5")),
        (1, Gen.String[0, 12]));

    public static decimal ValueOf(string text) => decimal.Parse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public static string DateText(DateOnly date) => date.ToString("MM/dd/yyyy", CultureInfo.InvariantCulture);
}

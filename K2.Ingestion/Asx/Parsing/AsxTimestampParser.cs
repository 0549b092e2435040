namespace K2.Ingestion.Asx.Parsing;

/// <summary>
/// Reads the ASX date (<c>MM/DD/YYYY</c>) and time (<c>HH:MM:SS.fff</c>) fields from UTF-8 bytes, digit by digit.
/// Widths are fixed as the format defines them; the fraction may have 1–6 digits (K2 keeps microseconds), or be absent.
/// </summary>
public static class AsxTimestampParser
{
    private const int DateLength = 10;
    private const int TimeLengthWithoutFraction = 8;
    private const int MaxFractionDigits = 6;
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static bool TryParseDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        if (text.Length != DateLength || text[2] != (byte)'/' || text[5] != (byte)'/'
            || !TryDigits(text[..2], out var month) || !TryDigits(text[3..5], out var day) || !TryDigits(text[6..], out var year))
        {
            return false;
        }

        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }

        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>The time of day as ticks since local midnight; 24:00 and leap seconds are rejected.</summary>
    public static bool TryParseTimeOfDay(ReadOnlySpan<byte> text, out TimeSpan timeOfDay)
    {
        timeOfDay = default;
        if (text.Length < TimeLengthWithoutFraction || text[2] != (byte)':' || text[5] != (byte)':'
            || !TryDigits(text[..2], out var hours) || !TryDigits(text[3..5], out var minutes) || !TryDigits(text[6..8], out var seconds)
            || hours > 23 || minutes > 59 || seconds > 59)
        {
            return false;
        }

        var micros = 0L;
        if (text.Length > TimeLengthWithoutFraction)
        {
            var fraction = text[(TimeLengthWithoutFraction + 1)..];
            if (text[TimeLengthWithoutFraction] != (byte)'.' || fraction.IsEmpty || fraction.Length > MaxFractionDigits
                || !TryDigits(fraction, out var fractionValue))
            {
                return false;
            }

            micros = fractionValue;
            for (var i = fraction.Length; i < MaxFractionDigits; i++)
            {
                micros *= 10;
            }
        }

        timeOfDay = new TimeSpan(hours, minutes, seconds) + TimeSpan.FromTicks(micros * TicksPerMicrosecond);
        return true;
    }

    private static bool TryDigits(ReadOnlySpan<byte> text, out int value)
    {
        value = 0;
        foreach (var digit in text)
        {
            if (digit is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (digit - '0');
        }

        return true;
    }
}

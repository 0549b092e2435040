namespace K2.Contracts.Model;

/// <summary>
/// The exact decimal type every price and quantity uses end to end: DECIMAL(18, 8) in Avro, Parquet and Iceberg.
/// </summary>
public static class MarketDecimal
{
    public const int Precision = 18;
    public const int Scale = 8;

    /// <summary>Largest unscaled magnitude that fits in 18 digits.</summary>
    public const long MaxUnscaled = 999_999_999_999_999_999L;

    /// <summary>Largest value that fits: ten integer digits and eight decimals.</summary>
    public const decimal MaxValue = 9_999_999_999.99999999m;

    /// <summary>Smallest value that fits.</summary>
    public const decimal MinValue = -MaxValue;

    private const decimal ScaleFactor = 100_000_000m;

    /// <summary>True when <paramref name="value"/> is representable as DECIMAL(18, 8) without rounding.</summary>
    public static bool Fits(decimal value) => TryToUnscaled(value, out _);

    /// <summary>The value times 10^8 as an integer, or false when it has more than 8 decimals or 18 digits.</summary>
    public static bool TryToUnscaled(decimal value, out long unscaled)
    {
        // Range first: scaling a value near decimal.MaxValue by 10^8 would throw OverflowException, not answer false.
        if (value > MaxValue || value < MinValue)
        {
            unscaled = 0;
            return false;
        }

        var scaled = value * ScaleFactor;
        if (scaled != decimal.Truncate(scaled))
        {
            unscaled = 0;
            return false;
        }

        unscaled = (long)scaled;
        return true;
    }

    public static long ToUnscaled(decimal value) =>
        TryToUnscaled(value, out var unscaled)
            ? unscaled
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Value does not fit DECIMAL({Precision},{Scale}).");

    /// <summary>Rebuilds the decimal with scale 8, so <c>0.00012345</c> prints as <c>0.00012345</c> everywhere.</summary>
    public static decimal FromUnscaled(long unscaled)
    {
        // Compare both bounds rather than Math.Abs, which throws OverflowException for long.MinValue.
        if (unscaled > MaxUnscaled || unscaled < -MaxUnscaled)
        {
            throw new ArgumentOutOfRangeException(nameof(unscaled), unscaled, $"Value does not fit DECIMAL({Precision},{Scale}).");
        }

        var magnitude = (ulong)Math.Abs(unscaled);
        return new decimal((int)(magnitude & 0xFFFF_FFFF), (int)(magnitude >> 32), 0, unscaled < 0, Scale);
    }
}

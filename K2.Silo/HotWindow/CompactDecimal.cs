namespace K2.Silo.HotWindow;

/// <summary>
/// A <see cref="decimal"/> as its coefficient in 64 bits and its scale and sign in one byte, when the coefficient fits
/// (every venue's prices and quantities do: 18 significant digits): 9 bytes where the decimal takes 16. Exact — the
/// scale (trailing zeros) and the sign (negative zero) read back as they were.
/// </summary>
internal static class CompactDecimal
{
    private const byte NegativeBit = 0x80;
    private const int ScaleShift = 16;
    private const int SignMask = unchecked((int)0x8000_0000);

    /// <summary>False when the coefficient needs more than 64 bits (e.g. <see cref="decimal.MaxValue"/>).</summary>
    public static bool TrySplit(decimal value, out ulong coefficient, out byte scaleAndSign)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        coefficient = (uint)bits[0] | ((ulong)(uint)bits[1] << 32);
        var flags = bits[3];
        scaleAndSign = (byte)(((flags >> ScaleShift) & 0xFF) | ((flags & SignMask) != 0 ? NegativeBit : 0));
        return bits[2] == 0;
    }

    public static decimal Join(ulong coefficient, byte scaleAndSign) =>
        new((int)(uint)coefficient, (int)(uint)(coefficient >> 32), 0, (scaleAndSign & NegativeBit) != 0, (byte)(scaleAndSign & ~NegativeBit));
}

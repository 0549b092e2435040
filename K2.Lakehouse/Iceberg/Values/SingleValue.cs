using System.Buffers.Binary;
using System.Numerics;
using System.Text;
using K2.Lakehouse.Iceberg.Types;

namespace K2.Lakehouse.Iceberg.Values;

/// <summary>
/// Binary single-value serialization (spec Appendix D), used for column bounds in manifests and partition
/// summaries in manifest lists. In-memory forms: int/date → <see cref="int"/>, long/timestamptz → <see cref="long"/>
/// (microseconds), string → <see cref="string"/>, uuid → <see cref="Guid"/>, decimal → <see cref="decimal"/>.
/// </summary>
public static class SingleValue
{
    public static byte[] Serialize(PrimitiveType type, object value)
    {
        switch (type.Kind)
        {
            case PrimitiveKind.Boolean:
                return [(bool)value ? (byte)1 : (byte)0];
            case PrimitiveKind.Int or PrimitiveKind.Date:
                var intBytes = new byte[4];
                BinaryPrimitives.WriteInt32LittleEndian(intBytes, (int)value);
                return intBytes;
            case PrimitiveKind.Long or PrimitiveKind.TimestampTz:
                var longBytes = new byte[8];
                BinaryPrimitives.WriteInt64LittleEndian(longBytes, (long)value);
                return longBytes;
            case PrimitiveKind.String:
                return Encoding.UTF8.GetBytes((string)value);
            case PrimitiveKind.Uuid:
                return ((Guid)value).ToByteArray(bigEndian: true);
            case PrimitiveKind.Decimal:
                // Two's-complement big-endian of the unscaled value, minimum number of bytes.
                return Unscaled((decimal)value, type.Scale).ToByteArray(isUnsigned: false, isBigEndian: true);
            default:
                throw new NotSupportedException($"No single-value serialization for {type}.");
        }
    }

    public static object Deserialize(PrimitiveType type, ReadOnlySpan<byte> bytes) => type.Kind switch
    {
        PrimitiveKind.Boolean => bytes[0] != 0,
        PrimitiveKind.Int or PrimitiveKind.Date => BinaryPrimitives.ReadInt32LittleEndian(bytes),
        PrimitiveKind.Long or PrimitiveKind.TimestampTz => bytes.Length == 4
            ? BinaryPrimitives.ReadInt32LittleEndian(bytes) // promoted from int/date: spec "inferred type at write time"
            : BinaryPrimitives.ReadInt64LittleEndian(bytes),
        PrimitiveKind.String => Encoding.UTF8.GetString(bytes),
        PrimitiveKind.Uuid => new Guid(bytes, bigEndian: true),
        PrimitiveKind.Decimal => FromUnscaled(new BigInteger(bytes, isUnsigned: false, isBigEndian: true), type.Scale),
        _ => throw new NotSupportedException($"No single-value serialization for {type}."),
    };

    /// <summary>
    /// Orders two values of <paramref name="type"/> the way Iceberg does: strings by UTF-8 bytes (which equals
    /// code point order), numbers numerically.
    /// </summary>
    public static int Compare(PrimitiveType type, object left, object right) => type.Kind switch
    {
        PrimitiveKind.String => CompareUtf8((string)left, (string)right),
        PrimitiveKind.Int or PrimitiveKind.Date => ((int)left).CompareTo((int)right),
        PrimitiveKind.Long or PrimitiveKind.TimestampTz => Convert.ToInt64(left, System.Globalization.CultureInfo.InvariantCulture)
            .CompareTo(Convert.ToInt64(right, System.Globalization.CultureInfo.InvariantCulture)),
        PrimitiveKind.Decimal => ((decimal)left).CompareTo((decimal)right),
        PrimitiveKind.Boolean => ((bool)left).CompareTo((bool)right),
        PrimitiveKind.Uuid => CompareUuid((Guid)left, (Guid)right),
        _ => throw new NotSupportedException($"Cannot compare values of {type}."),
    };

    /// <summary>
    /// Iceberg orders strings by their UTF-8 bytes, which is the order of their code points. Two strings first
    /// differ at one UTF-16 code unit: when neither is a surrogate, those code units are the differing code points
    /// and their order decides; only a surrogate there (a code point above U+FFFF, or a malformed string) needs the
    /// UTF-8 bytes. This runs for every value a writer sorts and bounds, so the common case is one vectorised scan.
    /// </summary>
    public static int CompareUtf8(string left, string right)
    {
        var common = left.AsSpan().CommonPrefixLength(right);
        if (common == left.Length || common == right.Length)
        {
            return left.Length.CompareTo(right.Length) switch { < 0 => -1, > 0 => 1, _ => 0 };
        }

        var (a, b) = (left[common], right[common]);
        if (!char.IsSurrogate(a) && !char.IsSurrogate(b))
        {
            return a < b ? -1 : 1;
        }

        return Math.Sign(Encoding.UTF8.GetBytes(left).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(right)));
    }

    /// <summary>Iceberg orders UUIDs by their big-endian bytes.</summary>
    public static int CompareUuid(Guid left, Guid right)
    {
        Span<byte> a = stackalloc byte[16];
        Span<byte> b = stackalloc byte[16];
        left.TryWriteBytes(a, bigEndian: true, out _);
        right.TryWriteBytes(b, bigEndian: true, out _);
        return a.SequenceCompareTo(b);
    }

    private static BigInteger Unscaled(decimal value, int scale)
    {
        var scaled = value * (decimal)Math.Pow(10, scale);
        if (scaled != decimal.Truncate(scaled))
        {
            throw new ArgumentException($"Value {value} has more than {scale} decimal places.", nameof(value));
        }

        return new BigInteger(scaled);
    }

    private static decimal FromUnscaled(BigInteger unscaled, int scale) => (decimal)unscaled / (decimal)Math.Pow(10, scale);
}

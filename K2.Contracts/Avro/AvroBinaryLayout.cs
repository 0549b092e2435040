namespace K2.Contracts.Avro;

/// <summary>
/// The byte-level rules of Avro's binary encoding that <see cref="AvroBinaryReader"/> and
/// <see cref="AvroBinaryWriter"/> must agree on, kept in one place so they cannot drift apart.
/// </summary>
internal static class AvroBinaryLayout
{
    /// <summary>Each varint byte carries seven payload bits; the eighth says another byte follows.</summary>
    public const int PayloadBitsPerByte = 7;

    public const byte PayloadMask = 0x7F;

    public const byte ContinuationBit = 0x80;

    /// <summary>ceil(32 / 7): the longest encoding of an Avro int.</summary>
    public const int MaxIntLength = 5;

    /// <summary>ceil(64 / 7): the longest encoding of an Avro long.</summary>
    public const int MaxLongLength = 10;

    /// <summary>Payload bits the last byte of a 5-byte int may use (32 - 4 * 7).</summary>
    public const byte LastIntBytePayloadMask = 0x0F;

    /// <summary>Payload bits the last byte of a 10-byte long may use (64 - 9 * 7).</summary>
    public const byte LastLongBytePayloadMask = 0x01;

    /// <summary>The single byte an encoded zero occupies; also the end-of-blocks marker of arrays and maps.</summary>
    public const int ZeroLength = 1;

    /// <summary>Branch indexes of the <c>["null","long"]</c> unions, in schema order.</summary>
    public const int NullBranch = 0;

    public const int ValueBranch = 1;

    /// <summary>Length of a uuid in its canonical text form, 8-4-4-4-12 hex digits.</summary>
    public const int UuidTextLength = 36;

    /// <summary>The <see cref="System.Buffers.Text.Utf8Formatter"/> / <c>Utf8Parser</c> format of that canonical form.</summary>
    public const char UuidFormat = 'D';

    /// <summary>A DECIMAL(18,8) unscaled value fits a long, so its minimal two's complement takes at most 8 bytes.</summary>
    public const int MaxDecimalValueBytes = sizeof(long);

    public static ulong ZigZag(long value) => (ulong)((value << 1) ^ (value >> 63));

    public static uint ZigZag(int value) => (uint)((value << 1) ^ (value >> 31));

    public static long UnZigZag(ulong raw) => (long)(raw >> 1) ^ -(long)(raw & 1);

    public static int UnZigZag(uint raw) => (int)(raw >> 1) ^ -(int)(raw & 1);
}

using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace K2.Testing.Binance;

/// <summary>
/// Just enough RFC 6455 for a server under test control: the handshake key, unmasked server frames, masked client
/// frames. Hand-rolled (instead of the framework's WebSocket) so the fake can send pings on demand, see the pongs,
/// fragment messages and cut connections exactly where a test wants.
/// </summary>
internal static class WebSocketFrames
{
    public const byte Continuation = 0x0;
    public const byte Text = 0x1;
    public const byte Binary = 0x2;
    public const byte Close = 0x8;
    public const byte Ping = 0x9;
    public const byte Pong = 0xA;

    private const string HandshakeGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private const byte FinBit = 0x80;
    private const byte MaskBit = 0x80;
    private const byte OpcodeBits = 0x0F;
    private const byte LengthBits = 0x7F;
    private const int SixteenBitLength = 126;
    private const int SixtyFourBitLength = 127;
    private const int MaskKeyLength = 4;

#pragma warning disable CA5350 // RFC 6455 specifies SHA-1 for the handshake; it is a protocol check, not security.
    public static string AcceptKey(string clientKey) =>
        Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(clientKey + HandshakeGuid)));
#pragma warning restore CA5350

    public static byte[] Encode(byte opcode, bool fin, ReadOnlySpan<byte> payload)
    {
        var lengthBytes = payload.Length < SixteenBitLength ? 0 : payload.Length <= ushort.MaxValue ? 2 : 8;
        var frame = new byte[2 + lengthBytes + payload.Length];
        frame[0] = (byte)((fin ? FinBit : 0) | opcode);
        switch (lengthBytes)
        {
            case 0:
                frame[1] = (byte)payload.Length;
                break;
            case 2:
                frame[1] = SixteenBitLength;
                BinaryPrimitives.WriteUInt16BigEndian(frame.AsSpan(2), (ushort)payload.Length);
                break;
            default:
                frame[1] = SixtyFourBitLength;
                BinaryPrimitives.WriteUInt64BigEndian(frame.AsSpan(2), (ulong)payload.Length);
                break;
        }

        payload.CopyTo(frame.AsSpan(2 + lengthBytes));
        return frame;
    }

    /// <summary>The close frame body: a big-endian status code.</summary>
    public static byte[] CloseBody(ushort status)
    {
        var body = new byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(body, status);
        return body;
    }

    /// <summary>Reads one client frame; null when the stream ended first.</summary>
    public static async Task<(byte Opcode, bool Fin, byte[] Payload)?> ReadClientFrameAsync(Stream stream, CancellationToken cancellationToken)
    {
        var header = new byte[2];
        if (!await ReadExactlyOrEndAsync(stream, header, cancellationToken))
        {
            return null;
        }

        long length = header[1] & LengthBits;
        if (length is SixteenBitLength or SixtyFourBitLength)
        {
            var extended = new byte[length == SixteenBitLength ? 2 : 8];
            if (!await ReadExactlyOrEndAsync(stream, extended, cancellationToken))
            {
                return null;
            }

            length = extended.Length == 2 ? BinaryPrimitives.ReadUInt16BigEndian(extended) : (long)BinaryPrimitives.ReadUInt64BigEndian(extended);
        }

        var mask = new byte[(header[1] & MaskBit) != 0 ? MaskKeyLength : 0];
        var payload = new byte[length];
        if (!await ReadExactlyOrEndAsync(stream, mask, cancellationToken) || !await ReadExactlyOrEndAsync(stream, payload, cancellationToken))
        {
            return null;
        }

        for (var i = 0; i < payload.Length && mask.Length > 0; i++)
        {
            payload[i] ^= mask[i % MaskKeyLength];
        }

        return ((byte)(header[0] & OpcodeBits), (header[0] & FinBit) != 0, payload);
    }

    private static async Task<bool> ReadExactlyOrEndAsync(Stream stream, byte[] buffer, CancellationToken cancellationToken) =>
        buffer.Length == 0
        || await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken) == buffer.Length;
}

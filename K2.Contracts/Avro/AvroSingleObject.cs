using System.Buffers.Binary;

namespace K2.Contracts.Avro;

/// <summary>
/// Avro single-object encoding: every message starts with the marker <c>0xC3 0x01</c> and the 8-byte little-endian
/// CRC-64-AVRO fingerprint of the writer schema's Parsing Canonical Form, so a reader knows the schema of each
/// message on its own, without a registry round trip.
/// </summary>
public static class AvroSingleObject
{
    public const byte MarkerByte0 = 0xC3;
    public const byte MarkerByte1 = 0x01;

    /// <summary>The fingerprint follows the two marker bytes.</summary>
    public const int FingerprintOffset = 2;

    private const int FingerprintLength = sizeof(ulong);

    /// <summary>Marker plus fingerprint: where the record body starts.</summary>
    public const int HeaderLength = FingerprintOffset + FingerprintLength;

    public static void WriteHeader(Span<byte> destination, ulong fingerprint)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, HeaderLength, nameof(destination));
        destination[0] = MarkerByte0;
        destination[1] = MarkerByte1;
        BinaryPrimitives.WriteUInt64LittleEndian(destination[FingerprintOffset..], fingerprint);
    }

    /// <summary>
    /// The writer-schema fingerprint of <paramref name="message"/>, or a <see cref="AvroDecodeErrorReason.Truncated"/>
    /// / <see cref="AvroDecodeErrorReason.BadMarker"/> error. Public so dead-letter tooling can log unknown fingerprints.
    /// </summary>
    public static bool TryReadFingerprint(ReadOnlySpan<byte> message, out ulong fingerprint, out AvroDecodeError error)
    {
        fingerprint = 0;

        // Check whatever marker bytes are present first, so one stray byte reads as "not Avro", not "truncated".
        if ((message.Length > 0 && message[0] != MarkerByte0) || (message.Length > 1 && message[1] != MarkerByte1))
        {
            error = new AvroDecodeError(AvroDecodeErrorReason.BadMarker, 0, null);
            return false;
        }

        if (message.Length < HeaderLength)
        {
            error = new AvroDecodeError(AvroDecodeErrorReason.Truncated, 0, null);
            return false;
        }

        fingerprint = BinaryPrimitives.ReadUInt64LittleEndian(message[FingerprintOffset..]);
        error = default;
        return true;
    }
}

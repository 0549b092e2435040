using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace K2.Contracts.Avro;

/// <summary>Single-object framing and buffer handling shared by every record codec.</summary>
internal static class AvroSingleObjectCodec<TBody, TRecord>
    where TBody : struct, IAvroRecordBody<TRecord>
    where TRecord : class
{
    // Read once per record type so the hot path compares against a JIT-time constant.
    private static readonly ulong Fingerprint = TBody.Schema.Fingerprint;

    public static int GetMaxEncodedLength(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var length = AvroSingleObject.HeaderLength + TBody.GetMaxBodyLength(record);
        return length <= Array.MaxLength
            ? (int)length
            : throw new ArgumentException($"{typeof(TRecord).Name} is too large to encode ({length} bytes worst case).", nameof(record));
    }

    /// <summary>
    /// Validates while writing into one span and advances <paramref name="output"/> only on success, so a rejected
    /// record leaves nothing behind in the buffer.
    /// </summary>
    public static int Encode(TRecord record, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(GetMaxEncodedLength(record));
        var written = Write(record, span);
        output.Advance(written);
        return written;
    }

    public static byte[] Encode(TRecord record)
    {
        var rented = ArrayPool<byte>.Shared.Rent(GetMaxEncodedLength(record));
        try
        {
            var written = Write(record, rented);
            return rented.AsSpan(0, written).ToArray();
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static bool TryDecode(ReadOnlySpan<byte> message, [NotNullWhen(true)] out TRecord? record, out AvroDecodeError error)
    {
        record = null;
        if (!AvroSingleObject.TryReadFingerprint(message, out var fingerprint, out error))
        {
            return false;
        }

        if (fingerprint != Fingerprint)
        {
            var reason = MarketDataSchemas.TryGetByFingerprint(fingerprint, out _)
                ? AvroDecodeErrorReason.WrongRecordType
                : AvroDecodeErrorReason.UnknownFingerprint;
            error = new AvroDecodeError(reason, AvroSingleObject.FingerprintOffset, null);
            return false;
        }

        var reader = new AvroBinaryReader(message, AvroSingleObject.HeaderLength);
        var decoded = TBody.Read(ref reader);
        reader.ExpectEnd();
        if (reader.Failed || decoded is null)
        {
            error = reader.Error;
            return false;
        }

        record = decoded;
        return true;
    }

    public static TRecord Decode(ReadOnlySpan<byte> message) =>
        TryDecode(message, out var record, out var error) ? record : throw new AvroDecodeException(error);

    private static int Write(TRecord record, Span<byte> destination)
    {
        var writer = new AvroBinaryWriter(destination);
        writer.WriteRaw(TBody.Schema.Header);
        TBody.Write(record, ref writer);
        return writer.Position;
    }
}

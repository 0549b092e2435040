using System.Buffers.Text;
using System.Collections.ObjectModel;
using System.Text;
using System.Text.Unicode;
using K2.Contracts.Model;

namespace K2.Contracts.Avro;

/// <summary>
/// Reads Avro binary primitives from untrusted bytes without throwing. The first failure is recorded in
/// <see cref="Error"/> and moves the reader to the end, so every later read fails fast and returns a default; a codec
/// reads all its fields and checks <see cref="Failed"/> once, instead of branching after every field.
/// Every length and count is checked against the bytes that remain before anything is sliced or allocated.
/// </summary>
public ref struct AvroBinaryReader
{
    private const int MaxDecimalBytes = AvroBinaryLayout.MaxDecimalValueBytes;
    private const int BitsPerByte = 8;
    private const byte PositiveSignExtension = 0x00;
    private const byte NegativeSignExtension = 0xFF;

    /// <summary>The smallest encoding of one array item that is a string: its zero length.</summary>
    private const int MinStringLength = AvroBinaryLayout.ZeroLength;

    /// <summary>The smallest encoding of one map entry: an empty key and an empty value.</summary>
    private const int MinMapEntryLength = 2 * MinStringLength;

    private readonly ReadOnlySpan<byte> _buffer;
    private int _position;
    private AvroDecodeError _error;

    /// <param name="buffer">The whole message, so error offsets are message offsets.</param>
    /// <param name="start">Where the body starts (after a header).</param>
    public AvroBinaryReader(ReadOnlySpan<byte> buffer, int start = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(start, buffer.Length);
        _buffer = buffer;
        _position = start;
    }

    public readonly int Position => _position;

    public readonly int Remaining => _buffer.Length - _position;

    public readonly bool Failed => _error.IsError;

    /// <summary>The first failure, or <c>default</c> (reason <see cref="AvroDecodeErrorReason.None"/>).</summary>
    public readonly AvroDecodeError Error => _error;

    /// <summary>Records a failure found by the caller (e.g. a semantic check); the first failure wins.</summary>
    public void Fail(AvroDecodeErrorReason reason, int offset, string? field)
    {
        if (!Failed)
        {
            _error = new AvroDecodeError(reason, offset, field);
        }

        _position = _buffer.Length;
    }

    /// <summary>Fails with <see cref="AvroDecodeErrorReason.TrailingBytes"/> unless every byte was consumed.</summary>
    public void ExpectEnd()
    {
        if (!Failed && _position != _buffer.Length)
        {
            Fail(AvroDecodeErrorReason.TrailingBytes, _position, null);
        }
    }

    /// <summary>An Avro <c>int</c>: zig-zag varint of at most 5 bytes.</summary>
    public int ReadInt(string field) =>
        TryReadVarint(AvroBinaryLayout.MaxIntLength, AvroBinaryLayout.LastIntBytePayloadMask, field, out var raw)
            ? AvroBinaryLayout.UnZigZag((uint)raw)
            : 0;

    /// <summary>An Avro <c>long</c>: zig-zag varint of at most 10 bytes.</summary>
    public long ReadLong(string field) =>
        TryReadVarint(AvroBinaryLayout.MaxLongLength, AvroBinaryLayout.LastLongBytePayloadMask, field, out var raw)
            ? AvroBinaryLayout.UnZigZag(raw)
            : 0;

    /// <summary>
    /// The raw (still zig-zagged) bits of a varint of at most <paramref name="maxLength"/> bytes, whose last byte may
    /// carry only <paramref name="lastBytePayloadMask"/>: anything longer or wider than the type is malformed.
    /// </summary>
    private bool TryReadVarint(int maxLength, byte lastBytePayloadMask, string field, out ulong raw)
    {
        var start = _position;
        raw = 0;
        for (var i = 0; i < maxLength; i++)
        {
            if (_position >= _buffer.Length)
            {
                Fail(AvroDecodeErrorReason.Truncated, start, field);
                return false;
            }

            var current = _buffer[_position++];
            var payload = (ulong)(current & AvroBinaryLayout.PayloadMask);
            if (i == maxLength - 1 && (current & ~lastBytePayloadMask) != 0)
            {
                break;
            }

            raw |= payload << (i * AvroBinaryLayout.PayloadBitsPerByte);
            if (current < AvroBinaryLayout.ContinuationBit)
            {
                return true;
            }
        }

        Fail(AvroDecodeErrorReason.MalformedVarint, start, field);
        return false;
    }

    /// <summary>Avro <c>bytes</c>: a long length then that many bytes. The span aliases the message.</summary>
    public ReadOnlySpan<byte> ReadBytes(string field)
    {
        var start = _position;
        var length = ReadLong(field);
        if (length < 0)
        {
            Fail(AvroDecodeErrorReason.NegativeLength, start, field);
            return default;
        }

        if (length > Remaining)
        {
            Fail(AvroDecodeErrorReason.LengthExceedsPayload, start, field);
            return default;
        }

        var bytes = _buffer.Slice(_position, (int)length);
        _position += (int)length;
        return bytes;
    }

    /// <summary>Avro <c>string</c>, rejecting malformed UTF-8 instead of substituting U+FFFD.</summary>
    public string ReadString(string field) => ReadUtf8(field, out var bytes) ? Encoding.UTF8.GetString(bytes) : string.Empty;

    /// <summary>
    /// Avro <c>string</c> for a field whose values repeat across records (a symbol, an exchange, a currency): the same
    /// bytes give the same string instance, so records share it instead of each allocating its own.
    /// </summary>
    public string ReadRepeatedString(string field) => ReadUtf8(field, out var bytes) ? AvroStringPool.Get(bytes) : string.Empty;

    /// <summary>An Avro <c>string</c>'s bytes; false (and the read failed) when they are not valid UTF-8.</summary>
    private bool ReadUtf8(string field, out ReadOnlySpan<byte> bytes)
    {
        var start = _position;
        bytes = ReadBytes(field);
        if (Utf8.IsValid(bytes))
        {
            return true;
        }

        Fail(AvroDecodeErrorReason.InvalidUtf8, start, field);
        return false;
    }

    /// <summary>A string with logical type <c>uuid</c>, in the canonical 36-character form only.</summary>
    public Guid ReadUuid(string field)
    {
        var start = _position;
        var bytes = ReadBytes(field);
        if (Failed)
        {
            return Guid.Empty;
        }

        if (bytes.Length != AvroBinaryLayout.UuidTextLength
            || !Utf8Parser.TryParse(bytes, out Guid value, out var consumed, AvroBinaryLayout.UuidFormat)
            || consumed != bytes.Length)
        {
            Fail(AvroDecodeErrorReason.InvalidUuid, start, field);
            return Guid.Empty;
        }

        return value;
    }

    /// <summary>
    /// Bytes with logical type decimal(18,8): big-endian two's complement of the unscaled value. Minimal encodings are
    /// not required (other writers may sign-extend), but the value must fit DECIMAL(18,8). The result has scale 8.
    /// </summary>
    public decimal ReadDecimal(string field)
    {
        var start = _position;
        var bytes = ReadBytes(field);
        if (Failed)
        {
            return 0m;
        }

        if (bytes.IsEmpty)
        {
            Fail(AvroDecodeErrorReason.InvalidDecimal, start, field);
            return 0m;
        }

        if (bytes.Length > MaxDecimalBytes)
        {
            // Longer than a long is fine only if the extra leading bytes merely repeat the sign.
            var tail = bytes[^MaxDecimalBytes..];
            var extension = (sbyte)tail[0] < 0 ? NegativeSignExtension : PositiveSignExtension;
            if (bytes[..^MaxDecimalBytes].ContainsAnyExcept(extension))
            {
                Fail(AvroDecodeErrorReason.DecimalOutOfRange, start, field);
                return 0m;
            }

            bytes = tail;
        }

        var unscaled = (long)(sbyte)bytes[0];
        for (var i = 1; i < bytes.Length; i++)
        {
            unscaled = (unscaled << BitsPerByte) | bytes[i];
        }

        if (unscaled > MarketDecimal.MaxUnscaled || unscaled < -MarketDecimal.MaxUnscaled)
        {
            Fail(AvroDecodeErrorReason.DecimalOutOfRange, start, field);
            return 0m;
        }

        return MarketDecimal.FromUnscaled(unscaled);
    }

    /// <summary>A long with logical type <c>timestamp-micros</c>, as a UTC <see cref="DateTimeOffset"/>.</summary>
    public DateTimeOffset ReadTimestampMicros(string field)
    {
        var start = _position;
        var micros = ReadLong(field);
        if (!UtcMicros.TryFromMicros(micros, out var value))
        {
            Fail(AvroDecodeErrorReason.TimestampOutOfRange, start, field);
            return default;
        }

        return value;
    }

    /// <summary>The union <c>["null","long"]</c>, in that branch order.</summary>
    public long? ReadNullableLong(string field)
    {
        var start = _position;
        switch (ReadInt(field))
        {
            case AvroBinaryLayout.NullBranch:
                return null;
            case AvroBinaryLayout.ValueBranch:
                return ReadLong(field);
            default:
                Fail(AvroDecodeErrorReason.InvalidUnionIndex, start, field);
                return null;
        }
    }

    /// <summary>An enum's symbol index, checked against the schema's symbol count; 0 after a failure.</summary>
    public int ReadEnumIndex(int symbolCount, string field)
    {
        var start = _position;
        var index = ReadInt(field);
        if ((uint)index >= (uint)symbolCount)
        {
            Fail(AvroDecodeErrorReason.InvalidEnumIndex, start, field);
            return 0;
        }

        return index;
    }

    /// <summary><c>{"type":"array","items":"string"}</c>, in any number of blocks.</summary>
    public IReadOnlyList<string> ReadStringArray(string field)
    {
        var items = Array.Empty<string>();
        var count = 0;
        while (TryReadBlockHeader(MinStringLength, field, out var blockCount, out var blockEnd))
        {
            // The first block is usually the only one: size the array exactly and grow only for further blocks.
            Array.Resize(ref items, count + blockCount);
            for (var i = 0; i < blockCount; i++)
            {
                items[count++] = ReadString(field);
            }

            CheckBlockEnd(blockEnd, field);
        }

        return Failed ? [] : items;
    }

    /// <summary><c>{"type":"map","values":"string"}</c>, in any number of blocks; a repeated key is an error.</summary>
    public IReadOnlyDictionary<string, string> ReadStringMap(string field)
    {
        Dictionary<string, string>? map = null;
        while (TryReadBlockHeader(MinMapEntryLength, field, out var blockCount, out var blockEnd))
        {
            map ??= new Dictionary<string, string>(blockCount, StringComparer.Ordinal);
            for (var i = 0; i < blockCount; i++)
            {
                var start = _position;
                var key = ReadString(field);
                var value = ReadString(field);
                if (!Failed && !map.TryAdd(key, value))
                {
                    Fail(AvroDecodeErrorReason.DuplicateMapKey, start, field);
                }
            }

            CheckBlockEnd(blockEnd, field);
        }

        return map is null || Failed ? ReadOnlyDictionary<string, string>.Empty : map;
    }

    /// <summary>
    /// Reads one block's item count (and its byte size, when the count is negative). False at the terminating zero
    /// block or on failure. The count is bounded by the bytes left so a forged count cannot make us allocate.
    /// </summary>
    private bool TryReadBlockHeader(int minItemLength, string field, out int count, out int blockEnd)
    {
        count = 0;
        blockEnd = -1;
        var start = _position;
        var announced = ReadLong(field);
        if (announced == 0 || Failed)
        {
            return false;
        }

        if (announced < 0)
        {
            if (announced == long.MinValue)
            {
                Fail(AvroDecodeErrorReason.InvalidBlockCount, start, field);
                return false;
            }

            announced = -announced;
            var sizeStart = _position;
            var size = ReadLong(field);
            if (size < 0)
            {
                Fail(AvroDecodeErrorReason.NegativeLength, sizeStart, field);
                return false;
            }

            if (size > Remaining)
            {
                Fail(AvroDecodeErrorReason.LengthExceedsPayload, sizeStart, field);
                return false;
            }

            blockEnd = _position + (int)size;
        }

        if (announced > Remaining / minItemLength)
        {
            Fail(AvroDecodeErrorReason.LengthExceedsPayload, start, field);
            return false;
        }

        count = (int)announced;
        return !Failed;
    }

    private void CheckBlockEnd(int blockEnd, string field)
    {
        if (blockEnd >= 0 && !Failed && _position != blockEnd)
        {
            Fail(AvroDecodeErrorReason.BlockSizeMismatch, _position, field);
        }
    }
}

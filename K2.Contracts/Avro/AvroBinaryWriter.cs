using System.Buffers;
using System.Buffers.Text;
using System.Numerics;
using System.Text;
using System.Text.Unicode;
using K2.Contracts.Model;

namespace K2.Contracts.Avro;

/// <summary>
/// Writes Avro binary primitives into a span the caller sized with the <c>Max*Length</c> helpers (upper bounds, so
/// one <c>GetSpan</c> serves a whole record). Values the wire format cannot carry exactly are rejected with an
/// <see cref="ArgumentException"/> naming the field; nothing is ever rounded, truncated or replaced.
/// </summary>
public ref struct AvroBinaryWriter
{
    /// <summary>Length of a uuid in its canonical text form, 8-4-4-4-12 hex digits.</summary>
    public const int UuidTextLength = AvroBinaryLayout.UuidTextLength;

    /// <summary>A length-prefixed uuid: one length byte (36 fits in one varint byte) plus the text.</summary>
    public const int UuidLength = AvroBinaryLayout.ZeroLength + UuidTextLength;

    /// <summary>A length-prefixed decimal(18,8): one length byte plus at most eight value bytes.</summary>
    public const int MaxDecimalLength = AvroBinaryLayout.ZeroLength + AvroBinaryLayout.MaxDecimalValueBytes;

    public const int MaxIntLength = AvroBinaryLayout.MaxIntLength;

    public const int MaxLongLength = AvroBinaryLayout.MaxLongLength;

    /// <summary>A <c>["null","long"]</c> union: the branch index plus the long.</summary>
    public const int MaxNullableLongLength = MaxIntLength + MaxLongLength;

    /// <summary>Every UTF-16 code unit becomes at most three UTF-8 bytes (a surrogate pair: four bytes for two units).</summary>
    private const int MaxUtf8BytesPerUtf16Unit = 3;

    private const int BitsPerByte = 8;
    private const int BitsPerLong = 64;

    private readonly Span<byte> _buffer;
    private int _position;

    public AvroBinaryWriter(Span<byte> buffer) => _buffer = buffer;

    /// <summary>Bytes written so far.</summary>
    public readonly int Position => _position;

    /// <summary>Upper bound of <see cref="WriteString"/>'s output for <paramref name="value"/>.</summary>
    public static long MaxStringLength(string? value, string field)
    {
        ArgumentNullException.ThrowIfNull(value, field);
        return MaxLongLength + ((long)value.Length * MaxUtf8BytesPerUtf16Unit);
    }

    /// <summary>Upper bound of <see cref="WriteStringArray"/>'s output.</summary>
    public static long MaxStringArrayLength(IReadOnlyList<string>? items, string field)
    {
        ArgumentNullException.ThrowIfNull(items, field);
        var length = (long)MaxLongLength + AvroBinaryLayout.ZeroLength;
        for (var i = 0; i < items.Count; i++)
        {
            length += MaxStringLength(items[i], field);
        }

        return length;
    }

    /// <summary>Upper bound of <see cref="WriteStringMap"/>'s output.</summary>
    public static long MaxStringMapLength(IReadOnlyDictionary<string, string>? map, string field)
    {
        ArgumentNullException.ThrowIfNull(map, field);
        var entries = map is Dictionary<string, string> dictionary
            ? MaxEntriesLength(dictionary.GetEnumerator(), field)
            : MaxEntriesLength(map.GetEnumerator(), field);
        return MaxLongLength + AvroBinaryLayout.ZeroLength + entries;
    }

    /// <summary>Copies bytes verbatim, e.g. a single-object header.</summary>
    public void WriteRaw(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_buffer[_position..]);
        _position += bytes.Length;
    }

    public void WriteInt(int value) => WriteVarint(AvroBinaryLayout.ZigZag(value));

    public void WriteLong(long value) => WriteVarint(AvroBinaryLayout.ZigZag(value));

    /// <summary>
    /// Avro <c>string</c>. A lone surrogate has no UTF-8 form; rather than let the encoder swap it for U+FFFD we refuse
    /// the value, because silently changing data is worse than failing loudly at the producer.
    /// </summary>
    public void WriteString(string value, string field)
    {
        ArgumentNullException.ThrowIfNull(value, field);
        WriteLong(Encoding.UTF8.GetByteCount(value));
        var status = Utf8.FromUtf16(value, _buffer[_position..], out _, out var written, replaceInvalidSequences: false);
        switch (status)
        {
            case OperationStatus.Done:
                break;
            case OperationStatus.InvalidData:
                throw new ArgumentException($"Field '{field}' holds a lone UTF-16 surrogate, which UTF-8 cannot carry.", field);
            default:
                throw BufferTooSmall();
        }

        _position += written;
    }

    /// <summary>A string with logical type <c>uuid</c>, lower-case canonical form.</summary>
    public void WriteUuid(Guid value)
    {
        WriteLong(UuidTextLength);
        if (!Utf8Formatter.TryFormat(value, _buffer[_position..], out var written, AvroBinaryLayout.UuidFormat))
        {
            throw BufferTooSmall();
        }

        _position += written;
    }

    /// <summary>
    /// Bytes with logical type decimal(18,8): the minimal big-endian two's complement of <c>value * 10^8</c>.
    /// A value with more than 8 decimals or 18 digits is rejected, never rounded.
    /// </summary>
    public void WriteDecimal(decimal value, string field)
    {
        if (!MarketDecimal.TryToUnscaled(value, out var unscaled))
        {
            throw new ArgumentException(
                $"Field '{field}' = {value} does not fit DECIMAL({MarketDecimal.Precision},{MarketDecimal.Scale}): "
                + $"at most {MarketDecimal.Scale} decimals and |value| <= {MarketDecimal.MaxValue}.",
                field);
        }

        // Bits needed besides the sign, plus the sign bit, rounded up to whole bytes; zero still takes one byte.
        var magnitudeBits = BitsPerLong - BitOperations.LeadingZeroCount((ulong)(unscaled ^ (unscaled >> (BitsPerLong - 1))));
        var length = (magnitudeBits / BitsPerByte) + 1;
        WriteLong(length);
        var destination = _buffer.Slice(_position, length);
        for (var i = length - 1; i >= 0; i--)
        {
            destination[i] = (byte)unscaled;
            unscaled >>= BitsPerByte;
        }

        _position += length;
    }

    /// <summary>
    /// A long with logical type <c>timestamp-micros</c>. Sub-microsecond ticks are rejected rather than truncated:
    /// the model promises microsecond precision, so such a value is a producer bug to surface, not data to alter.
    /// Any offset is accepted; the instant is what is written, and it decodes with offset zero.
    /// </summary>
    public void WriteTimestampMicros(DateTimeOffset value, string field)
    {
        if (!UtcMicros.IsWholeMicros(value))
        {
            throw new ArgumentException(
                $"Field '{field}' = {value:O} has sub-microsecond ticks; truncate it with UtcMicros.Truncate first.",
                field);
        }

        WriteLong(UtcMicros.ToMicros(value));
    }

    /// <summary>The union <c>["null","long"]</c>, in that branch order.</summary>
    public void WriteNullableLong(long? value)
    {
        if (value is { } present)
        {
            WriteInt(AvroBinaryLayout.ValueBranch);
            WriteLong(present);
        }
        else
        {
            WriteInt(AvroBinaryLayout.NullBranch);
        }
    }

    /// <summary><c>{"type":"array","items":"string"}</c> as one block (none when empty) and the closing zero.</summary>
    public void WriteStringArray(IReadOnlyList<string> items, string field)
    {
        ArgumentNullException.ThrowIfNull(items, field);
        if (items.Count > 0)
        {
            WriteLong(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                WriteString(items[i], field);
            }
        }

        WriteLong(0);
    }

    /// <summary><c>{"type":"map","values":"string"}</c> as one block (none when empty) and the closing zero.</summary>
    public void WriteStringMap(IReadOnlyDictionary<string, string> map, string field)
    {
        ArgumentNullException.ThrowIfNull(map, field);
        var count = map.Count;
        if (count > 0)
        {
            WriteLong(count);
            var written = map is Dictionary<string, string> dictionary
                ? WriteEntries(dictionary.GetEnumerator(), field)
                : WriteEntries(map.GetEnumerator(), field);

            // The block count is written before the entries: a dictionary whose Count disagrees with its enumeration
            // would produce a message that misreads every later field, so refuse it.
            if (written != count)
            {
                throw new ArgumentException($"Field '{field}' enumerated {written} entries but reported Count {count}.", field);
            }
        }

        WriteLong(0);
    }

    /// <summary>
    /// Generic over the enumerator so the common <see cref="Dictionary{TKey, TValue}"/> is walked with its struct
    /// enumerator; enumerating through the interface would allocate a boxed one per message.
    /// </summary>
    private static long MaxEntriesLength<TEnumerator>(TEnumerator entries, string field)
        where TEnumerator : IEnumerator<KeyValuePair<string, string>>
    {
        try
        {
            var length = 0L;
            while (entries.MoveNext())
            {
                length += MaxStringLength(entries.Current.Key, field) + MaxStringLength(entries.Current.Value, field);
            }

            return length;
        }
        finally
        {
            entries.Dispose();
        }
    }

    /// <inheritdoc cref="MaxEntriesLength{TEnumerator}"/>
    private int WriteEntries<TEnumerator>(TEnumerator entries, string field)
        where TEnumerator : IEnumerator<KeyValuePair<string, string>>
    {
        try
        {
            var written = 0;
            while (entries.MoveNext())
            {
                WriteString(entries.Current.Key, field);
                WriteString(entries.Current.Value, field);
                written++;
            }

            return written;
        }
        finally
        {
            entries.Dispose();
        }
    }

    private static InvalidOperationException BufferTooSmall() =>
        new("The span given to AvroBinaryWriter is smaller than the Max*Length bound of what is being written.");

    private void WriteVarint(ulong raw)
    {
        while (raw >= AvroBinaryLayout.ContinuationBit)
        {
            _buffer[_position++] = (byte)(raw | AvroBinaryLayout.ContinuationBit);
            raw >>= AvroBinaryLayout.PayloadBitsPerByte;
        }

        _buffer[_position++] = (byte)raw;
    }
}

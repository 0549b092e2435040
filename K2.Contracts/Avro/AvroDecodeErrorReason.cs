namespace K2.Contracts.Avro;

/// <summary>
/// Why a message could not be decoded. Consumers route on this (e.g. <see cref="UnknownFingerprint"/> means a schema
/// change this build does not know, not corruption), so values are stable: append, never renumber.
/// </summary>
public enum AvroDecodeErrorReason
{
    None = 0,

    /// <summary>The message ended in the middle of a header or value.</summary>
    Truncated = 1,

    /// <summary>The first two bytes are not the single-object marker <c>0xC3 0x01</c>.</summary>
    BadMarker = 2,

    /// <summary>The schema fingerprint in the header belongs to no schema this build knows.</summary>
    UnknownFingerprint = 3,

    /// <summary>The fingerprint is known but names another record type (e.g. a quote handed to the trade codec).</summary>
    WrongRecordType = 4,

    /// <summary>A variable-length integer is longer than 5 (int) or 10 (long) bytes or overflows its type.</summary>
    MalformedVarint = 5,

    /// <summary>A string, bytes or block length is negative.</summary>
    NegativeLength = 6,

    /// <summary>A length or item count claims more bytes than the rest of the message holds.</summary>
    LengthExceedsPayload = 7,

    /// <summary>A string is not well-formed UTF-8.</summary>
    InvalidUtf8 = 8,

    /// <summary>A uuid string is not the canonical 36-character 8-4-4-4-12 hex form.</summary>
    InvalidUuid = 9,

    /// <summary>An enum index is outside the schema's symbol list.</summary>
    InvalidEnumIndex = 10,

    /// <summary>A union branch index is outside the union.</summary>
    InvalidUnionIndex = 11,

    /// <summary>A decimal has no bytes at all, which encodes no two's-complement value.</summary>
    InvalidDecimal = 12,

    /// <summary>A decimal's unscaled value does not fit DECIMAL(18,8).</summary>
    DecimalOutOfRange = 13,

    /// <summary>A timestamp lies outside the range <see cref="DateTimeOffset"/> can hold.</summary>
    TimestampOutOfRange = 14,

    /// <summary>An array or map block count cannot be negated (the minimum long).</summary>
    InvalidBlockCount = 15,

    /// <summary>A block announced its byte size and its items used a different number of bytes.</summary>
    BlockSizeMismatch = 16,

    /// <summary>A map carries the same key twice; keeping either value would silently drop the other.</summary>
    DuplicateMapKey = 17,

    /// <summary>Bytes remain after the record ended.</summary>
    TrailingBytes = 18,
}

namespace K2.Contracts.Avro;

/// <summary>
/// What went wrong decoding a message and where. A value type so the failure path of <c>TryDecode</c> allocates
/// nothing until someone asks for <see cref="Message"/>.
/// </summary>
/// <param name="Reason">The kind of failure.</param>
/// <param name="Offset">Byte offset in the whole message (header included) of the value that failed.</param>
/// <param name="Field">The Avro field being read, or null for header errors.</param>
public readonly record struct AvroDecodeError(AvroDecodeErrorReason Reason, int Offset, string? Field)
{
    public bool IsError => Reason != AvroDecodeErrorReason.None;

    public string Message => Field is null
        ? $"{Reason} at byte {Offset}: {Describe(Reason)}"
        : $"{Reason} at byte {Offset} in field '{Field}': {Describe(Reason)}";

    public override string ToString() => Message;

    private static string Describe(AvroDecodeErrorReason reason) => reason switch
    {
        AvroDecodeErrorReason.None => "no error.",
        AvroDecodeErrorReason.Truncated => "the message ended inside a value.",
        AvroDecodeErrorReason.BadMarker => "not an Avro single-object message (expected marker C3 01).",
        AvroDecodeErrorReason.UnknownFingerprint => "the writer's schema is unknown to this build.",
        AvroDecodeErrorReason.WrongRecordType => "the message holds a different record type.",
        AvroDecodeErrorReason.MalformedVarint => "variable-length integer is too long or overflows.",
        AvroDecodeErrorReason.NegativeLength => "length is negative.",
        AvroDecodeErrorReason.LengthExceedsPayload => "length or count exceeds the remaining bytes.",
        AvroDecodeErrorReason.InvalidUtf8 => "string is not valid UTF-8.",
        AvroDecodeErrorReason.InvalidUuid => "uuid is not in canonical 8-4-4-4-12 form.",
        AvroDecodeErrorReason.InvalidEnumIndex => "enum index is not a symbol of the schema.",
        AvroDecodeErrorReason.InvalidUnionIndex => "union branch index is out of range.",
        AvroDecodeErrorReason.InvalidDecimal => "decimal has no bytes.",
        AvroDecodeErrorReason.DecimalOutOfRange => "decimal does not fit DECIMAL(18,8).",
        AvroDecodeErrorReason.TimestampOutOfRange => "timestamp is outside the representable range.",
        AvroDecodeErrorReason.InvalidBlockCount => "array or map block count is invalid.",
        AvroDecodeErrorReason.BlockSizeMismatch => "block byte size disagrees with its items.",
        AvroDecodeErrorReason.DuplicateMapKey => "map key appears twice.",
        AvroDecodeErrorReason.TrailingBytes => "bytes remain after the record.",
        _ => "unrecognised failure.",
    };
}

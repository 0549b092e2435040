namespace K2.Contracts.Avro;

/// <summary>
/// Thrown by the throwing <c>Decode</c> methods. It is the only exception decoding untrusted bytes can raise, so a
/// consumer can catch it alone and dead-letter the message by <see cref="Reason"/>.
/// </summary>
public sealed class AvroDecodeException : Exception
{
    public AvroDecodeException(AvroDecodeError error)
        : base(error.Message) => Error = error;

    public AvroDecodeError Error { get; }

    public AvroDecodeErrorReason Reason => Error.Reason;
}

using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using K2.Contracts.Model;

namespace K2.Contracts.Avro;

/// <summary>
/// Encodes and decodes a <see cref="Quote"/> as an Avro single-object message of <c>io.k2.marketdata.v2.Quote</c>
/// (Schemas/quote.avsc). Hand-written for the Kafka hot path: no reflection, no generic records, one pass.
/// Decoding untrusted bytes never throws anything but <see cref="AvroDecodeException"/>.
/// </summary>
public static class QuoteAvroCodec
{
    public static MarketDataSchema Schema => MarketDataSchemas.Quote;

    /// <summary>Worst-case message length, to size a buffer for <see cref="Encode(Quote, IBufferWriter{byte})"/>.</summary>
    /// <exception cref="ArgumentException">A required reference field is null.</exception>
    public static int GetMaxEncodedLength(Quote quote) => AvroSingleObjectCodec<QuoteAvroBody, Quote>.GetMaxEncodedLength(quote);

    /// <summary>Appends one message to <paramref name="output"/>; nothing is appended if the quote is rejected.</summary>
    /// <returns>Bytes written.</returns>
    /// <exception cref="ArgumentException">
    /// A null field, a decimal that does not fit DECIMAL(18,8), a timestamp with sub-microsecond ticks, an undefined
    /// enum value or a string with a lone surrogate: values the wire format cannot carry unchanged.
    /// </exception>
    public static int Encode(Quote quote, IBufferWriter<byte> output) => AvroSingleObjectCodec<QuoteAvroBody, Quote>.Encode(quote, output);

    /// <inheritdoc cref="Encode(Quote, IBufferWriter{byte})"/>
    /// <returns>The message, exactly sized.</returns>
    public static byte[] Encode(Quote quote) => AvroSingleObjectCodec<QuoteAvroBody, Quote>.Encode(quote);

    /// <summary>Decodes one whole message; the span must hold exactly one message.</summary>
    /// <exception cref="AvroDecodeException">The bytes are not a valid Quote message; see its Reason.</exception>
    public static Quote Decode(ReadOnlySpan<byte> message) => AvroSingleObjectCodec<QuoteAvroBody, Quote>.Decode(message);

    /// <summary>Decodes one whole message without throwing.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> message, [NotNullWhen(true)] out Quote? quote, out AvroDecodeError error) =>
        AvroSingleObjectCodec<QuoteAvroBody, Quote>.TryDecode(message, out quote, out error);
}

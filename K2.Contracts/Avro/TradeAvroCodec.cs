using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using K2.Contracts.Model;

namespace K2.Contracts.Avro;

/// <summary>
/// Encodes and decodes a <see cref="Trade"/> as an Avro single-object message of <c>io.k2.marketdata.v2.Trade</c>
/// (Schemas/trade.avsc). Hand-written for the Kafka hot path: no reflection, no generic records, one pass.
/// Decoding untrusted bytes never throws anything but <see cref="AvroDecodeException"/>.
/// </summary>
public static class TradeAvroCodec
{
    public static MarketDataSchema Schema => MarketDataSchemas.Trade;

    /// <summary>Worst-case message length, to size a buffer for <see cref="Encode(Trade, IBufferWriter{byte})"/>.</summary>
    /// <exception cref="ArgumentException">A required reference field is null.</exception>
    public static int GetMaxEncodedLength(Trade trade) => AvroSingleObjectCodec<TradeAvroBody, Trade>.GetMaxEncodedLength(trade);

    /// <summary>Appends one message to <paramref name="output"/>; nothing is appended if the trade is rejected.</summary>
    /// <returns>Bytes written.</returns>
    /// <exception cref="ArgumentException">
    /// A null field, a decimal that does not fit DECIMAL(18,8), a timestamp with sub-microsecond ticks, an undefined
    /// enum value or a string with a lone surrogate: values the wire format cannot carry unchanged.
    /// </exception>
    public static int Encode(Trade trade, IBufferWriter<byte> output) => AvroSingleObjectCodec<TradeAvroBody, Trade>.Encode(trade, output);

    /// <inheritdoc cref="Encode(Trade, IBufferWriter{byte})"/>
    /// <returns>The message, exactly sized.</returns>
    public static byte[] Encode(Trade trade) => AvroSingleObjectCodec<TradeAvroBody, Trade>.Encode(trade);

    /// <summary>Decodes one whole message; the span must hold exactly one message.</summary>
    /// <exception cref="AvroDecodeException">The bytes are not a valid Trade message; see its Reason.</exception>
    public static Trade Decode(ReadOnlySpan<byte> message) => AvroSingleObjectCodec<TradeAvroBody, Trade>.Decode(message);

    /// <summary>Decodes one whole message without throwing.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> message, [NotNullWhen(true)] out Trade? trade, out AvroDecodeError error) =>
        AvroSingleObjectCodec<TradeAvroBody, Trade>.TryDecode(message, out trade, out error);
}

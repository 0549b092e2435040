using System.Globalization;
using System.Text;
using System.Text.Json;
using Seen = K2.Ingestion.Binance.Parsing.StreamEventFields.Seen;

namespace K2.Ingestion.Binance.Parsing;

/// <summary>
/// Parses one Binance stream message straight from the received UTF-8 bytes with <see cref="Utf8JsonReader"/>:
/// a combined-stream frame <c>{"stream":"btcusdt@trade","data":{…}}</c> (in either key order) or a raw trade event.
/// Prices and quantities go text → decimal exactly; nothing passes through <c>double</c>. Bad input comes back as a
/// typed <see cref="BinanceParseError"/>, never as an exception.
/// </summary>
public sealed class BinanceTradeParser(BinanceSymbolResolver symbols)
{
    /// <summary>Escaped property names are unescaped on the stack up to this length (<c>"\u0065"</c> is 6 bytes).</summary>
    private const int MaxEscapedKeyBytes = 16;

    /// <summary>Stream names (<c>btcusdt@trade</c>) longer than this are not Binance's.</summary>
    private const int MaxStreamNameBytes = 64;

    /// <summary>Vendor entries a streamed trade carries; sizes its dictionary once.</summary>
    private const int StreamVendorEntries = 6;

    private readonly BinanceSymbolResolver _symbols = symbols ?? throw new ArgumentNullException(nameof(symbols));

    /// <param name="message">The complete message as received.</param>
    /// <param name="ingestedAt">When K2 received it; becomes the trade's ingestion timestamp.</param>
    public BinanceParseResult Parse(ReadOnlySpan<byte> message, DateTimeOffset ingestedAt)
    {
        if (message.IsEmpty)
        {
            return BinanceParseResult.Invalid(BinanceParseErrorCode.EmptyMessage, "message is empty");
        }

        try
        {
            return ParseObject(message, ingestedAt);
        }
        catch (JsonException ex)
        {
            return BinanceParseResult.Invalid(BinanceParseErrorCode.InvalidJson, ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            // Grammatically valid JSON whose escapes are not valid Unicode (a lone surrogate such as \uD800):
            // the reader only notices when a string is compared or unescaped, and throws this instead.
            return BinanceParseResult.Invalid(BinanceParseErrorCode.InvalidJson, ex.Message);
        }
    }

    private BinanceParseResult ParseObject(ReadOnlySpan<byte> message, DateTimeOffset ingestedAt)
    {
        var reader = new Utf8JsonReader(message);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return BinanceParseResult.Invalid(BinanceParseErrorCode.NotAnObject, $"a Binance message is a JSON object, not {reader.TokenType}");
        }

        var envelope = new Envelope();
        var fields = new StreamEventFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (ReadTopLevelProperty(ref reader, ref envelope, ref fields) is { } error)
            {
                return BinanceParseResult.Invalid(error);
            }
        }

        // The reader throws on anything but whitespace after the object; reading to the end proves it is whole.
        if (reader.Read())
        {
            return BinanceParseResult.Invalid(BinanceParseErrorCode.InvalidJson, "content follows the JSON object");
        }

        return Classify(envelope, ref fields, ingestedAt);
    }

    private BinanceParseError? ReadTopLevelProperty(ref Utf8JsonReader reader, ref Envelope envelope, ref StreamEventFields fields)
    {
        if (reader.ValueTextEquals("stream"u8))
        {
            return ReadStreamName(ref reader, ref envelope);
        }

        if (reader.ValueTextEquals("data"u8))
        {
            return ReadData(ref reader, ref envelope, ref fields);
        }

        if (reader.ValueTextEquals("result"u8) || reader.ValueTextEquals("id"u8) || reader.ValueTextEquals("code"u8))
        {
            envelope.IsResponse = true;
            reader.Read();
            reader.Skip();
            return null;
        }

        var error = ReadEventProperty(ref reader, ref fields, out var recognised);
        envelope.HasTopLevelEvent |= recognised;
        return error;
    }

    private static BinanceParseError? ReadStreamName(ref Utf8JsonReader reader, ref Envelope envelope)
    {
        if (envelope.Stream is not null)
        {
            return JsonFields.Duplicate("stream");
        }

        reader.Read();
        if (!JsonFields.TryGetString(ref reader, MaxStreamNameBytes, out var name))
        {
            return new BinanceParseError(BinanceParseErrorCode.WrongFieldType, $"field 'stream' must be a stream name of at most {MaxStreamNameBytes} bytes");
        }

        envelope.Stream = Encoding.UTF8.GetString(name);
        return null;
    }

    private BinanceParseError? ReadData(ref Utf8JsonReader reader, ref Envelope envelope, ref StreamEventFields fields)
    {
        if (envelope.HasData)
        {
            return JsonFields.Duplicate("data");
        }

        envelope.HasData = true;
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return new BinanceParseError(BinanceParseErrorCode.WrongFieldType, $"field 'data' must be an object, not {reader.TokenType}");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (ReadEventProperty(ref reader, ref fields, out _) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Reads one property of an event; unknown ones (<c>b</c>, <c>a</c>, future additions) are skipped.</summary>
    private BinanceParseError? ReadEventProperty(ref Utf8JsonReader reader, ref StreamEventFields fields, out bool recognised)
    {
        var key = SingleByteKey(ref reader);
        var field = key switch
        {
            (byte)'e' => Seen.EventType,
            (byte)'E' => Seen.EventTime,
            (byte)'s' => Seen.Symbol,
            (byte)'t' => Seen.TradeId,
            (byte)'p' => Seen.Price,
            (byte)'q' => Seen.Quantity,
            (byte)'T' => Seen.TradeTime,
            (byte)'m' => Seen.BuyerIsMaker,
            (byte)'M' => Seen.BestMatch,
            _ => Seen.None,
        };
        recognised = field != Seen.None;
        reader.Read();
        if (!recognised)
        {
            reader.Skip();
            return null;
        }

        var name = StreamEventFields.WireName(field);
        if ((fields.Present & field) != 0)
        {
            return JsonFields.Duplicate(name);
        }

        fields.Present |= field;
        return field switch
        {
            Seen.EventType => ReadEventType(ref reader, ref fields),
            Seen.EventTime => JsonFields.ReadInt64(ref reader, name, out fields.EventTime),
            Seen.Symbol => JsonFields.ReadSymbol(ref reader, name, _symbols, out fields.Symbol),
            Seen.TradeId => JsonFields.ReadInt64(ref reader, name, out fields.TradeId),
            Seen.Price => JsonFields.ReadDecimal(ref reader, name, out fields.Price),
            Seen.Quantity => JsonFields.ReadDecimal(ref reader, name, out fields.Quantity),
            Seen.TradeTime => JsonFields.ReadInt64(ref reader, name, out fields.TradeTime),
            Seen.BuyerIsMaker => JsonFields.ReadBoolean(ref reader, name, out fields.BuyerIsMaker),
            _ => JsonFields.ReadBoolean(ref reader, name, out fields.BestMatch),
        };
    }

    private static BinanceParseError? ReadEventType(ref Utf8JsonReader reader, ref StreamEventFields fields)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            return new BinanceParseError(BinanceParseErrorCode.WrongFieldType, $"field 'e' must be an event name, not {reader.TokenType}");
        }

        if (reader.ValueTextEquals("trade"u8))
        {
            fields.Event = StreamEventType.Trade;
        }
        else if (reader.ValueTextEquals("serverShutdown"u8))
        {
            fields.Event = StreamEventType.ServerShutdown;
        }
        else
        {
            fields.Event = StreamEventType.Other;
            fields.OtherEvent = JsonFields.Preview(reader.ValueSpan);
        }

        return null;
    }

    private static BinanceParseResult Classify(in Envelope envelope, ref StreamEventFields fields, DateTimeOffset ingestedAt)
    {
        if (envelope.HasData && envelope.HasTopLevelEvent)
        {
            return BinanceParseResult.Invalid(BinanceParseErrorCode.UnrecognisedMessage, "message has both a 'data' object and top-level event fields");
        }

        if (envelope.HasData || envelope.HasTopLevelEvent)
        {
            return fields.Event switch
            {
                StreamEventType.Trade => BuildTrade(envelope.Stream, ref fields, ingestedAt),
                StreamEventType.ServerShutdown => BinanceParseResult.ServerShutdown,
                StreamEventType.Other => BinanceParseResult.Invalid(BinanceParseErrorCode.UnsupportedEvent, $"event '{fields.OtherEvent}' is not a trade"),
                _ => BinanceParseResult.Invalid(JsonFields.Missing("e")),
            };
        }

        if (envelope.IsResponse)
        {
            return BinanceParseResult.ControlResponse;
        }

        return envelope.Stream is not null
            ? BinanceParseResult.Invalid(JsonFields.Missing("data"))
            : BinanceParseResult.Invalid(BinanceParseErrorCode.UnrecognisedMessage, "message is neither a stream event nor a response");
    }

    private static BinanceParseResult BuildTrade(string? stream, ref StreamEventFields fields, DateTimeOffset ingestedAt)
    {
        if (fields.FirstMissingTradeField() is { } missing)
        {
            return BinanceParseResult.Invalid(JsonFields.Missing(missing));
        }

        var symbol = fields.Symbol!;
        if (stream is not null && !string.Equals(stream, symbol.TradeStream, StringComparison.Ordinal))
        {
            return BinanceParseResult.Invalid(BinanceParseErrorCode.StreamMismatch, $"a {symbol.Symbol} trade arrived on stream '{stream}'");
        }

        if (!BinanceTradeMapper.IsValidUnixMilliseconds(fields.EventTime))
        {
            return BinanceParseResult.Invalid(BinanceParseErrorCode.InvalidTimestamp, $"event time {fields.EventTime} is not a Unix time in milliseconds");
        }

        var vendorData = new Dictionary<string, string>(StreamVendorEntries, StringComparer.Ordinal)
        {
            [BinanceVendorKeys.EventTime] = fields.EventTime.ToString(CultureInfo.InvariantCulture),
            [BinanceVendorKeys.Source] = BinanceVendorKeys.SourceStream,
        };
        if (stream is not null)
        {
            vendorData[BinanceVendorKeys.Stream] = symbol.TradeStream;
        }

        var bestMatch = (fields.Present & Seen.BestMatch) != 0 ? fields.BestMatch : (bool?)null;
        var tradeFields = new BinanceTradeFields(
            symbol, fields.TradeId, fields.Price, fields.Quantity, fields.TradeTime, fields.BuyerIsMaker, bestMatch);
        var error = BinanceTradeMapper.TryCreate(tradeFields, ingestedAt, vendorData, out var trade);
        return error is null ? BinanceParseResult.ForTrade(trade!) : BinanceParseResult.Invalid(error);
    }

    /// <summary>The property name's single byte (<c>e</c>, <c>E</c>, …), or 0 when it is longer.</summary>
    private static byte SingleByteKey(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan.Length == 1 ? reader.ValueSpan[0] : (byte)0;
        }

        if (reader.ValueSpan.Length > MaxEscapedKeyBytes)
        {
            return 0;
        }

        Span<byte> buffer = stackalloc byte[MaxEscapedKeyBytes];
        return reader.CopyString(buffer) == 1 ? buffer[0] : (byte)0;
    }

    /// <summary>The top-level shape of the message, as far as it has been read.</summary>
    private struct Envelope
    {
        public string? Stream;
        public bool HasData;
        public bool HasTopLevelEvent;
        public bool IsResponse;
    }
}

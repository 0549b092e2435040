using System.Diagnostics.CodeAnalysis;

namespace K2.Contracts.Avro;

/// <summary>
/// The schemas K2 writes to Kafka, fingerprinted once at startup from the embedded .avsc files, and the routing
/// question consumers ask first: which record type does this message hold?
/// </summary>
public static class MarketDataSchemas
{
    /// <summary>Avro namespace of every v2 record; a breaking change means a new namespace (v3), not an edit.</summary>
    public const string Namespace = "io.k2.marketdata.v2";

    private const string ResourcePrefix = "K2.Contracts.Avro.Schemas.";

    public static MarketDataSchema Trade { get; } =
        MarketDataSchema.Load(MarketDataRecordType.Trade, ResourcePrefix + "trade.avsc", Namespace + ".Trade");

    public static MarketDataSchema Quote { get; } =
        MarketDataSchema.Load(MarketDataRecordType.Quote, ResourcePrefix + "quote.avsc", Namespace + ".Quote");

    public static IReadOnlyList<MarketDataSchema> All { get; } = [Trade, Quote];

    /// <summary>The schema with this fingerprint, if this build knows it.</summary>
    public static bool TryGetByFingerprint(ulong fingerprint, [NotNullWhen(true)] out MarketDataSchema? schema)
    {
        // A linear scan: two entries beat any hash lookup.
        foreach (var candidate in All)
        {
            if (candidate.Fingerprint == fingerprint)
            {
                schema = candidate;
                return true;
            }
        }

        schema = null;
        return false;
    }

    /// <summary>
    /// Reads only the 10-byte header. Fails with <see cref="AvroDecodeErrorReason.Truncated"/>,
    /// <see cref="AvroDecodeErrorReason.BadMarker"/> or <see cref="AvroDecodeErrorReason.UnknownFingerprint"/>
    /// (a schema this build does not know: a newer producer, or not a K2 message).
    /// </summary>
    public static bool TryIdentify(ReadOnlySpan<byte> message, [NotNullWhen(true)] out MarketDataSchema? schema, out AvroDecodeError error)
    {
        if (!AvroSingleObject.TryReadFingerprint(message, out var fingerprint, out error))
        {
            schema = null;
            return false;
        }

        if (!TryGetByFingerprint(fingerprint, out schema))
        {
            error = new AvroDecodeError(AvroDecodeErrorReason.UnknownFingerprint, AvroSingleObject.FingerprintOffset, null);
            return false;
        }

        return true;
    }

    /// <inheritdoc cref="TryIdentify"/>
    /// <exception cref="AvroDecodeException">The header is missing, malformed or names an unknown schema.</exception>
    public static MarketDataSchema Identify(ReadOnlySpan<byte> message) =>
        TryIdentify(message, out var schema, out var error) ? schema : throw new AvroDecodeException(error);
}

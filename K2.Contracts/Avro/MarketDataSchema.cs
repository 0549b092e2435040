using System.Reflection;
using Avro;

namespace K2.Contracts.Avro;

/// <summary>One checked-in .avsc with what a reader needs to recognise its messages.</summary>
public sealed class MarketDataSchema
{
    private readonly byte[] _header;

    private MarketDataSchema(MarketDataRecordType recordType, string fullName, string json, string canonicalForm, ulong fingerprint)
    {
        RecordType = recordType;
        FullName = fullName;
        Json = json;
        CanonicalForm = canonicalForm;
        Fingerprint = fingerprint;
        _header = new byte[AvroSingleObject.HeaderLength];
        AvroSingleObject.WriteHeader(_header, fingerprint);
    }

    public MarketDataRecordType RecordType { get; }

    /// <summary>Namespace-qualified record name, e.g. <c>io.k2.marketdata.v2.Trade</c>.</summary>
    public string FullName { get; }

    /// <summary>The schema exactly as checked in, docs and logical types included.</summary>
    public string Json { get; }

    /// <summary>
    /// The Parsing Canonical Form the fingerprint is taken over. It keeps only what shapes the bytes (names, types,
    /// field order, symbols): docs, defaults and logical-type attributes such as decimal scale are not part of it.
    /// </summary>
    public string CanonicalForm { get; }

    /// <summary>CRC-64-AVRO of <see cref="CanonicalForm"/> (Apache.Avro's ParsingFingerprint64, read as unsigned).</summary>
    public ulong Fingerprint { get; }

    /// <summary>The 10 bytes every message of this schema starts with.</summary>
    public ReadOnlySpan<byte> Header => _header;

    public override string ToString() => $"{FullName} (fingerprint {Fingerprint:X16})";

    /// <summary>Parses and fingerprints an embedded .avsc. Startup only: this is the one place Apache.Avro is used.</summary>
    internal static MarketDataSchema Load(MarketDataRecordType recordType, string resourceName, string expectedFullName)
    {
        var json = ReadResource(resourceName);
        var parsed = Schema.Parse(json);
        if (parsed is not RecordSchema record || record.Fullname != expectedFullName)
        {
            throw new InvalidOperationException($"Embedded schema {resourceName} is not the record {expectedFullName}.");
        }

        var fingerprint = unchecked((ulong)SchemaNormalization.ParsingFingerprint64(parsed));
        return new MarketDataSchema(recordType, record.Fullname, json, SchemaNormalization.ToParsingForm(parsed), fingerprint);
    }

    private static string ReadResource(string resourceName)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resourceName)
            ?? throw new InvalidOperationException($"Embedded schema {resourceName} is missing from {typeof(MarketDataSchema).Assembly}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using System.Security.Cryptography;
using System.Text;

namespace K2.Contracts.Model;

/// <summary>
/// Deterministic message ids (RFC 9562 name-based UUIDv5): the same source record always gets the same id,
/// so re-reading a file or replaying a stream is recognised as a duplicate everywhere downstream.
/// </summary>
public static class MessageIds
{
    /// <summary>K2's own UUID namespace for market-data records.</summary>
    public static readonly Guid Namespace = new("6f1d3a52-9c0e-4e5b-8a7d-2b4c1e9f0a63");

    private const byte Version5 = 0x50;
    private const byte VariantRfc = 0x80;
    private const int StackLimit = 512;

    /// <summary>The id of a trade, from its venue and trade id: <c>ForTrade("BINANCE", "BTCUSDT", "BINANCE-42")</c>.</summary>
    public static Guid ForTrade(string exchange, string symbol, string tradeId) =>
        Create($"trade/{exchange}/{symbol}/{tradeId}");

    public static Guid ForQuote(string exchange, string symbol, string quoteId) =>
        Create($"quote/{exchange}/{symbol}/{quoteId}");

    public static Guid Create(string name) => Create(Namespace, name);

    /// <summary>A UUIDv5 of <paramref name="name"/> in <paramref name="namespaceId"/>, exactly as RFC 9562 defines it.</summary>
    public static Guid Create(Guid namespaceId, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var maxLength = 16 + Encoding.UTF8.GetMaxByteCount(name.Length);
        Span<byte> input = maxLength <= StackLimit ? stackalloc byte[StackLimit] : new byte[maxLength];
        namespaceId.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
#pragma warning disable CA5350 // SHA-1 is what RFC 9562 specifies for UUIDv5; this is an identifier, not security.
        SHA1.HashData(input[..length], hash);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | Version5);
        hash[8] = (byte)((hash[8] & 0x3F) | VariantRfc);
        return new Guid(hash[..16], bigEndian: true);
    }
}

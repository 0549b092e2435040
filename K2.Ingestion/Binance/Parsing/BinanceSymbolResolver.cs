using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using K2.Ingestion.Binance.Configuration;

namespace K2.Ingestion.Binance.Parsing;

/// <summary>
/// Validates Binance symbols and splits them into base and quote asset by the longest known quote-asset suffix.
/// The streamed symbols are resolved once up front, so the per-message path neither allocates nor searches.
/// </summary>
public sealed class BinanceSymbolResolver
{
    /// <summary>Binance symbols are at most 20 characters today; the cap keeps hostile input from growing strings.</summary>
    private const int MaxSymbolLength = 32;

    private readonly string[] _quoteAssetsLongestFirst;
    private readonly FrozenDictionary<string, BinanceSymbol> _known;
    private readonly FrozenDictionary<string, BinanceSymbol>.AlternateLookup<ReadOnlySpan<char>> _knownByChars;

    public BinanceSymbolResolver(IEnumerable<string> quoteAssets, IEnumerable<string> knownSymbols)
    {
        ArgumentNullException.ThrowIfNull(quoteAssets);
        ArgumentNullException.ThrowIfNull(knownSymbols);
        _quoteAssetsLongestFirst = [.. quoteAssets.Distinct(StringComparer.Ordinal).OrderByDescending(asset => asset.Length)];

        var known = new Dictionary<string, BinanceSymbol>(StringComparer.Ordinal);
        foreach (var symbol in knownSymbols)
        {
            if (TrySplit(symbol, out var resolved))
            {
                known[symbol] = resolved;
            }
        }

        _known = known.ToFrozenDictionary(StringComparer.Ordinal);
        _knownByChars = _known.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The production defaults: <see cref="BinanceFeedDefaults"/>.</summary>
    public static BinanceSymbolResolver Default { get; } =
        new(BinanceFeedDefaults.QuoteAssets, BinanceFeedDefaults.Symbols);

    public static BinanceSymbolResolver FromOptions(BinanceFeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new BinanceSymbolResolver(options.QuoteAssets, options.Symbols);
    }

    public bool TryResolve(string? symbol, [NotNullWhen(true)] out BinanceSymbol? resolved)
    {
        resolved = null;
        if (symbol is null)
        {
            return false;
        }

        return _known.TryGetValue(symbol, out resolved) || TrySplit(symbol, out resolved);
    }

    /// <summary>Resolves a symbol straight from UTF-8 bytes (already unescaped); only unknown symbols allocate.</summary>
    public bool TryResolve(ReadOnlySpan<byte> utf8Symbol, [NotNullWhen(true)] out BinanceSymbol? resolved)
    {
        resolved = null;
        if (utf8Symbol.IsEmpty || utf8Symbol.Length > MaxSymbolLength)
        {
            return false;
        }

        Span<char> chars = stackalloc char[MaxSymbolLength];
        for (var i = 0; i < utf8Symbol.Length; i++)
        {
            var b = utf8Symbol[i];
            if (!IsSymbolByte(b))
            {
                return false;
            }

            chars[i] = (char)b;
        }

        var text = chars[..utf8Symbol.Length];
        return _knownByChars.TryGetValue(text, out resolved) || TrySplit(new string(text), out resolved);
    }

    private bool TrySplit(string symbol, [NotNullWhen(true)] out BinanceSymbol? resolved)
    {
        resolved = null;
        if (symbol.Length == 0 || symbol.Length > MaxSymbolLength || !symbol.All(c => c < 128 && IsSymbolByte((byte)c)))
        {
            return false;
        }

        foreach (var quote in _quoteAssetsLongestFirst)
        {
            if (symbol.Length > quote.Length && symbol.EndsWith(quote, StringComparison.Ordinal))
            {
                resolved = new BinanceSymbol(symbol, symbol[..^quote.Length], quote);
                return true;
            }
        }

        return false;
    }

    /// <summary>Binance symbols are upper-case ASCII letters and digits (<c>1000SATSUSDT</c>).</summary>
    private static bool IsSymbolByte(byte b) => b is (>= (byte)'A' and <= (byte)'Z') or (>= (byte)'0' and <= (byte)'9');
}

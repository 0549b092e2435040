using System.Buffers;

namespace K2.Contracts.Grains;

/// <summary>
/// Identity of one instrument on one venue, and the key of its symbol grain: <c>BINANCE/BTCUSDT</c>.
/// Both parts are upper-case so <c>binance/btcusdt</c> and <c>BINANCE/BTCUSDT</c> reach the same grain.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct SymbolKey
{
    private const char Separator = '/';
    private const int MaxPartLength = 64;

    // Checked for every record the consumer decodes: a vectorised search, no enumerator per call.
    private static readonly SearchValues<char> PartCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-_");

    public SymbolKey(string exchange, string symbol)
    {
        Exchange = Normalise(exchange, nameof(exchange));
        Symbol = Normalise(symbol, nameof(symbol));
    }

    [Id(0)] public string Exchange { get; }

    [Id(1)] public string Symbol { get; }

    public override string ToString() => $"{Exchange}{Separator}{Symbol}";

    public static SymbolKey Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TryParse(key, out var parsed)
            ? parsed
            : throw new FormatException($"'{key}' is not a symbol key of the form EXCHANGE/SYMBOL.");
    }

    public static bool TryParse(string? key, out SymbolKey parsed)
    {
        parsed = default;
        var separator = key?.IndexOf(Separator) ?? -1;
        if (key is null || separator <= 0 || separator != key.LastIndexOf(Separator))
        {
            return false;
        }

        var exchange = key[..separator];
        var symbol = key[(separator + 1)..];
        if (!IsValidPart(exchange) || !IsValidPart(symbol))
        {
            return false;
        }

        parsed = new SymbolKey(exchange, symbol);
        return true;
    }

    /// <summary>Exchange and symbol codes are short ASCII identifiers: letters, digits, '.', '-' and '_'.</summary>
    public static bool IsValidPart(string? part) =>
        !string.IsNullOrEmpty(part)
        && part.Length <= MaxPartLength
        && !part.AsSpan().ContainsAnyExcept(PartCharacters);

    private static string Normalise(string part, string name) =>
        IsValidPart(part)
            ? part.ToUpperInvariant()
            : throw new ArgumentException($"'{part}' is not a valid {name} code.", name);
}

using System.Globalization;
using K2.Contracts.Model;

namespace K2.Silo.HotWindow;

/// <summary>
/// What consecutive trades of a symbol have in common — exchange, symbol, asset class, currency, conditions, vendor
/// data and the text of the trade id before its number — held once for a run of hot trades (<see cref="HotTrade"/>)
/// instead of in every one. Shared only with trades that carry the very same instances (the grain makes equal values
/// the same instances, see <see cref="RepeatedValues"/>), so sharing never changes what a trade reads back as.
/// </summary>
internal sealed class HotTradeTraits
{
    // The usual prefix, "{Exchange}-", is not stored: most symbols would hold a string for it otherwise.
    private readonly string? _ownTradeIdPrefix;

    private HotTradeTraits(Trade trade, ReadOnlySpan<char> tradeIdPrefix)
    {
        Exchange = trade.Exchange;
        Symbol = trade.Symbol;
        AssetClass = trade.AssetClass;
        Currency = trade.Currency;
        Conditions = trade.TradeConditions;
        VendorData = trade.VendorData;
        _ownTradeIdPrefix = IsExchangePrefix(tradeIdPrefix, trade.Exchange) ? null : tradeIdPrefix.ToString();
    }

    public string Exchange { get; }

    public string Symbol { get; }

    public AssetClass AssetClass { get; }

    public string Currency { get; }

    public IReadOnlyList<string> Conditions { get; }

    public IReadOnlyDictionary<string, string> VendorData { get; }

    /// <summary><paramref name="shared"/> when it describes <paramref name="trade"/> exactly, else new traits for it.</summary>
    public static HotTradeTraits For(Trade trade, ReadOnlySpan<char> tradeIdPrefix, HotTradeTraits? shared) =>
        shared is not null && shared.Describes(trade, tradeIdPrefix) ? shared : new HotTradeTraits(trade, tradeIdPrefix);

    /// <summary>The trade id of the trade numbered <paramref name="number"/>: its prefix (e.g. <c>BINANCE-</c>, <c>ASX-BHP-20260105-</c>) and the number.</summary>
    public string TradeId(long number) => _ownTradeIdPrefix is { } prefix
        ? string.Create(CultureInfo.InvariantCulture, $"{prefix}{number}")
        : string.Create(CultureInfo.InvariantCulture, $"{Exchange}-{number}");

    private bool Describes(Trade trade, ReadOnlySpan<char> tradeIdPrefix) =>
        ReferenceEquals(Exchange, trade.Exchange)
        && ReferenceEquals(Symbol, trade.Symbol)
        && AssetClass == trade.AssetClass
        && ReferenceEquals(Currency, trade.Currency)
        && ReferenceEquals(Conditions, trade.TradeConditions)
        && ReferenceEquals(VendorData, trade.VendorData)
        && (_ownTradeIdPrefix is { } prefix ? tradeIdPrefix.SequenceEqual(prefix) : IsExchangePrefix(tradeIdPrefix, Exchange));

    private static bool IsExchangePrefix(ReadOnlySpan<char> tradeIdPrefix, string exchange) =>
        tradeIdPrefix.Length == exchange.Length + 1 && tradeIdPrefix[^1] == '-' && tradeIdPrefix.StartsWith(exchange, StringComparison.Ordinal);
}

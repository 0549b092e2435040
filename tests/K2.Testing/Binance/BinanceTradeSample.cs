using System.Globalization;

namespace K2.Testing.Binance;

/// <summary>
/// One Binance spot trade as Binance serialises it: prices and quantities as strings with eight decimals, times
/// in Unix milliseconds, keys in Binance's order and no whitespace.
/// </summary>
public sealed record BinanceTradeSample(
    string Symbol,
    long Id,
    string Price,
    string Quantity,
    long TradeTime,
    long EventTime,
    bool BuyerIsMaker,
    bool? IsBestMatch = true)
{
    public string StreamName => $"{Symbol.ToLowerInvariant()}@trade";

    /// <summary>price × qty as Binance prints quoteQty: exact, trailing zeros trimmed.</summary>
    public string QuoteQuantity =>
        (decimal.Parse(Price, CultureInfo.InvariantCulture) * decimal.Parse(Quantity, CultureInfo.InvariantCulture))
        .ToString("0.############################", CultureInfo.InvariantCulture);

    /// <summary>The raw trade event, as on <c>/ws/btcusdt@trade</c>.</summary>
    public string ToEventJson()
    {
        var bestMatch = IsBestMatch is { } value ? $",\"M\":{Json(value)}" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"e\":\"trade\",\"E\":{EventTime},\"s\":\"{Symbol}\",\"t\":{Id},\"p\":\"{Price}\",\"q\":\"{Quantity}\",\"T\":{TradeTime},\"m\":{Json(BuyerIsMaker)}{bestMatch}}}");
    }

    /// <summary>The combined-stream frame, as on <c>/stream?streams=btcusdt@trade/…</c>.</summary>
    public string ToCombinedJson() => $"{{\"stream\":\"{StreamName}\",\"data\":{ToEventJson()}}}";

    /// <summary>One item of a <c>GET /api/v3/historicalTrades</c> answer.</summary>
    public string ToRestJson()
    {
        var bestMatch = IsBestMatch is { } value ? $",\"isBestMatch\":{Json(value)}" : string.Empty;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"id\":{Id},\"price\":\"{Price}\",\"qty\":\"{Quantity}\",\"quoteQty\":\"{QuoteQuantity}\",\"time\":{TradeTime},\"isBuyerMaker\":{Json(BuyerIsMaker)}{bestMatch}}}");
    }

    private static string Json(bool value) => value ? "true" : "false";
}

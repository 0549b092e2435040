using System.Globalization;
using System.Text;

namespace K2.PropertyTests.Binance;

/// <summary>
/// One Binance trade event as the test means it: the field values, and the exact JSON text sent for each (so a number
/// can be written with leading or trailing zeros, and a field can be replaced by arbitrary JSON).
/// </summary>
internal sealed record BinanceEvent(
    string Symbol,
    string QuoteAsset,
    long TradeId,
    string PriceText,
    string QuantityText,
    long EventTimeMs,
    long TradeTimeMs,
    bool BuyerIsMaker,
    bool? BestMatch,
    bool Combined,
    IReadOnlyList<(string Key, string Json)> Extra,
    int[] Order)
{
    public const string TradeEventName = "trade";

    public decimal Price => decimal.Parse(PriceText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public decimal Quantity => decimal.Parse(QuantityText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    public string Stream => Symbol.ToLowerInvariant() + "@trade";

    /// <summary>The event's fields as raw JSON, by wire key.</summary>
    public IReadOnlyList<(string Key, string Json)> Fields()
    {
        var fields = new List<(string Key, string Json)>
        {
            ("e", Quote(TradeEventName)),
            ("E", EventTimeMs.ToString(CultureInfo.InvariantCulture)),
            ("s", Quote(Symbol)),
            ("t", TradeId.ToString(CultureInfo.InvariantCulture)),
            ("p", Quote(PriceText)),
            ("q", Quote(QuantityText)),
            ("T", TradeTimeMs.ToString(CultureInfo.InvariantCulture)),
            ("m", BuyerIsMaker ? "true" : "false"),
        };
        if (BestMatch is { } bestMatch)
        {
            fields.Add(("M", bestMatch ? "true" : "false"));
        }

        return fields;
    }

    /// <summary>The message bytes, with <paramref name="replace"/> swapping one field's JSON for another.</summary>
    public byte[] ToUtf8((string Key, string Json)? replace = null)
    {
        var fields = Fields().Select(f => replace is { } r && r.Key == f.Key ? r : f).ToList();
        if (replace is { } added && !fields.Exists(f => f.Key == added.Key))
        {
            fields.Add(added);
        }

        fields.AddRange(Extra);
        var ordered = fields.Select((field, i) => (field, rank: Order[i % Order.Length] * 100 + i)).OrderBy(x => x.rank).Select(x => x.field);
        var data = "{" + string.Join(',', ordered.Select(f => $"{Quote(f.Key)}:{f.Json}")) + "}";
        return Encoding.UTF8.GetBytes(Combined ? $"{{\"stream\":{Quote(Stream)},\"data\":{data}}}" : data);
    }

    public static string Quote(string text) => "\"" + text + "\"";
}

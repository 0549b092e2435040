using System.Text;

namespace K2.Ingestion.Tests.Binance.Parsing;

/// <summary>Binance messages for parser tests, built from the field values so each test states only what it changes.</summary>
internal static class Frames
{
    /// <summary>The trade payload of Binance's documentation (with the since-removed b/a order ids it used to carry).</summary>
    public const string DocsEvent =
        "{\"e\":\"trade\",\"E\":1672515782136,\"s\":\"BNBBTC\",\"t\":12345,\"p\":\"0.001\",\"q\":\"100\",\"b\":88,\"a\":50,\"T\":1672515782136,\"m\":true,\"M\":true}";

    public static string Combined(string data, string stream = "btcusdt@trade") => $"{{\"stream\":\"{stream}\",\"data\":{data}}}";

    /// <summary>A BTCUSDT trade event; each argument is the raw JSON of that field, or null to leave the field out.</summary>
    public static string Event(
        string? e = "\"trade\"",
        string? eventTime = "1773136800001",
        string? s = "\"BTCUSDT\"",
        string? t = "4851805410",
        string? p = "\"67123.45678901\"",
        string? q = "\"0.00012345\"",
        string? tradeTime = "1773136800000",
        string? m = "true",
        string? bestMatch = "true")
    {
        var fields = new[]
        {
            ("e", e), ("E", eventTime), ("s", s), ("t", t), ("p", p), ("q", q), ("T", tradeTime), ("m", m), ("M", bestMatch),
        };
        return "{" + string.Join(',', fields.Where(f => f.Item2 is not null).Select(f => $"\"{f.Item1}\":{f.Item2}")) + "}";
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}

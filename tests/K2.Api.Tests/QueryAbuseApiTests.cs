using System.Net;
using System.Text;
using System.Text.Json;
using CsCheck;
using K2.Testing;

namespace K2.Api.Tests;

/// <summary>
/// Generated hostile requests through the real HTTP pipeline (routing, binding, filters, the query engine on an empty
/// lakehouse): every answer is a 200 or a 4xx with the standard error body, never a 5xx. The parsers' own
/// properties are in K2.PropertyTests; this proves nothing between the socket and the parser turns bad input into a 500.
/// </summary>
public sealed class QueryAbuseApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly string[] Paths = ["/v1/trades", "/v1/quotes", "/v1/ohlcv/1m", "/v1/ohlcv/{0}", "/v1/symbols", "/v1/snapshots", "/v1/symbols/{0}/{0}/integrity"];
    private static readonly string[] Parameters = ["exchange", "symbol", "start", "end", "limit", "cursor", "order", "asOfSnapshot", "asOf", "table", "interval"];

    private static readonly Gen<string> Value = Gen.Frequency(
        (3, Gen.OneOf("ASX", "BHP", "BINANCE", "BTCUSDT", "5", "0", "-1", "10001", "99999999999", "asc", "DESC", "trades", "quotes", "1h", "",
            "2014-03-11T00:00:00Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "-9223372036854775808", "9223372036854775807", "eyJWIjoxfQ.AAAA",
            "'; DROP TABLE trades; --", "' OR '1'='1", "read_parquet('/etc/passwd')", "%00", "%ZZ", "..%2F..%2Fetc", "\u0000", "𝔘")),
        (2, Gen.String[0, 30]),
        (1, Gen.Char.Array[2000, 3000].Select(chars => new string(chars))));

    // The in-memory test server refuses a NUL in a decoded path before the API sees it (Kestrel answers 400 itself;
    // chaos/api-abuse.sh sends such paths to a real Kestrel), so path segments here carry none.
    private static readonly Gen<string> Request = Gen.Select(
            Gen.OneOf(Paths), Value.Where(segment => !segment.Contains('\0', StringComparison.Ordinal)), Gen.Select(Gen.OneOf(Parameters), Value).Array[0, 6])
        .Select((path, segment, query) =>
            string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Uri.EscapeDataString(segment.Length > 200 ? segment[..200] : segment))
            + "?" + string.Join('&', query.Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2)}")));

    [Fact]
    public async Task Generated_hostile_queries_are_answered_200_or_4xx_with_the_error_body() =>
        await Request.SampleAsync(async path =>
        {
            using var response = await fixture.Http.GetAsync(new Uri(path, UriKind.Relative));
            await AssertNotAServerErrorAsync(path, response);
        }, iter: PropertyRuns.Iterations(300), threads: 1);

    [Fact]
    public async Task Generated_hostile_export_bodies_are_answered_200_or_4xx_with_the_error_body() =>
        await Gen.Select(Gen.OneOf("symbols", "fields", "start", "end", "limit", "format", "minPrice", "asOfSnapshot", "asOf"), Gen.OneOf(
                "null", "[null]", "[\"ASX/BHP\"]", "[\"ASX/BHP\",null]", "[\"price\",\"price\"]", "\"csv\"", "\"xml\"", "-1", "1e400", "{}", "[[]]",
                "\"'; DROP TABLE trades; --\"", "\"0001-01-01T00:00:00Z\"", "\"-9223372036854775808\"", "true"))
            .Array[0, 6]
            .SampleAsync(async members =>
            {
                var body = "{\"symbols\":[\"ASX/BHP\"]," + string.Join(',', members.DistinctBy(m => m.Item1).Select(m => $"\"{m.Item1}\":{m.Item2}")) + "}";
                using var content = new StringContent(body.Replace("{\"symbols\":[\"ASX/BHP\"],}", "{\"symbols\":[\"ASX/BHP\"]}", StringComparison.Ordinal), Encoding.UTF8, "application/json");
                using var response = await fixture.Http.PostAsync(new Uri("/v1/trades/query", UriKind.Relative), content);
                await AssertNotAServerErrorAsync(body, response);
            }, iter: PropertyRuns.Iterations(200), threads: 1);

    private static async Task AssertNotAServerErrorAsync(string request, HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Assert.True(status < 500, $"{request}: {status} {text}");
        if (status >= 400 && response.StatusCode != HttpStatusCode.NotFound)
        {
            using var body = JsonDocument.Parse(text);
            Assert.StartsWith("invalid_", body.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }
    }
}

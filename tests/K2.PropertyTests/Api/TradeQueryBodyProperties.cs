using System.Text;
using CsCheck;
using K2.Api.Query;
using K2.Api.Query.Export;
using K2.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace K2.PropertyTests.Api;

/// <summary>
/// The body of <c>POST /v1/trades/query</c> is arbitrary JSON (or not JSON at all): it parses to a query or is a
/// 400 with an <c>invalid_*</c> code, whatever the shape, nulls, types or size of its members.
/// </summary>
public sealed class TradeQueryBodyProperties
{
    private static readonly string[] Keys =
        ["symbols", "start", "end", "fields", "minPrice", "maxPrice", "minQuantity", "maxQuantity", "format", "limit", "asOfSnapshot", "asOf", "Symbols", "extra"];

    private static readonly Gen<string> Scalar = Gen.Frequency(
        (2, Gen.OneOf("null", "true", "0", "-1", "1e400", "2147483648", "1.5", "\"\"", "\"ASX/BHP\"", "\"BINANCE/BTCUSDT\"", "\"price\"", "\"timestamp\"",
            "\"csv\"", "\"parquet\"", "\"36.5\"", "\"-0.00000001\"", "\"2014-03-11T00:00:00Z\"", "\"7\"", "\"\\u0000\"", "\"\\uD800\"")),
        (2, QueryParameterProperties.AnyText.Select(text => System.Text.Json.JsonSerializer.Serialize(text))),
        (1, Gen.Long.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    private static readonly Gen<string> Value = Gen.Frequency(
        (3, Scalar),
        (2, Scalar.Array[0, 4].Select(items => "[" + string.Join(',', items) + "]")),
        (1, Gen.Select(Gen.OneOf(Keys), Scalar).Array[0, 3].Select(pairs => "{" + string.Join(',', pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}")));

    private static readonly Gen<byte[]> Body = Gen.Frequency(
        (6, Gen.Select(Gen.OneOf(Keys), Value).Array[0, 8].Select(pairs => Encoding.UTF8.GetBytes("{" + string.Join(',', pairs.Select(p => $"\"{p.Item1}\":{p.Item2}")) + "}"))),
        (1, Value.Select(Encoding.UTF8.GetBytes)),
        (1, Gen.Byte.Array[0, 64]));

    private readonly TradeQueryParser _parser = new(Options.Create(new QueryOptions()));

    [Fact]
    public void Any_body_is_a_query_or_a_400() =>
        Body.Sample(body =>
        {
            var context = new DefaultHttpContext();
            context.Request.Body = new MemoryStream(body);
            try
            {
                var query = _parser.ParseAsync(context.Request, CancellationToken.None).GetAwaiter().GetResult();
                Assert.NotEmpty(query.Symbols);
            }
            catch (ApiException error)
            {
                Assert.Equal(StatusCodes.Status400BadRequest, error.StatusCode);
                Assert.StartsWith("invalid_", error.Error, StringComparison.Ordinal);
            }
        }, iter: PropertyRuns.Iterations(5_000));

    /// <summary>Found by the trade-query fuzz target and this property: a null inside a list was a 500.</summary>
    [Theory]
    [InlineData("""{"symbols":["ASX/BHP"],"fields":[null]}""", "invalid_field")]
    [InlineData("""{"symbols":[null]}""", "invalid_symbol")]
    [InlineData("""{"symbols":["ASX/BHP", null]}""", "invalid_symbol")]
    public void A_null_in_a_list_is_a_400(string body, string code)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));

        var error = Assert.Throws<ApiException>(() => _parser.ParseAsync(context.Request, CancellationToken.None).GetAwaiter().GetResult());
        Assert.Equal((400, code), (error.StatusCode, error.Error));
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using K2.Api.Tests.Infrastructure;

namespace K2.Api.Tests;

/// <summary>The API as deployed: Production, API keys required, a small rate limit, one allowed CORS origin.</summary>
public sealed class ProductionApiFixture : ApiFixture
{
    public const string AliceKey = "alice-secret-key";
    public const string CarolKey = "carol-secret-key";
    public const string DashboardOrigin = "https://dashboard.example";
    public const int Permits = 5;

    protected override string Environment => "Production";

    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["K2:Api:Keys:alice"] = AliceKey,
        ["K2:Api:Keys:carol"] = CarolKey,
        ["K2:Api:RateLimitPermits"] = Permits.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["K2:Api:RateLimitWindow"] = "01:00:00",
        ["K2:Api:CorsOrigins:0"] = DashboardOrigin,
    };
}

public sealed class SafetyApiTests(ProductionApiFixture fixture) : IClassFixture<ProductionApiFixture>
{
    private const string Snapshots = "/v1/snapshots?table=trades";

    [Fact]
    public async Task Without_a_key_v1_is_a_401_and_with_an_unknown_key_a_403()
    {
        using var missing = await SendAsync(HttpMethod.Get, Snapshots, key: null);
        using var wrong = await SendAsync(HttpMethod.Get, Snapshots, key: "guess");
        using var right = await SendAsync(HttpMethod.Get, Snapshots, ProductionApiFixture.AliceKey);

        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("missing_api_key", (await missing.Content.ReadFromJsonAsync<JsonElement>()).ErrorCode());
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.Equal("invalid_api_key", (await wrong.Content.ReadFromJsonAsync<JsonElement>()).ErrorCode());
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
    }

    [Fact]
    public async Task Each_key_is_rate_limited_on_every_v1_route_with_retry_after()
    {
        var routes = new[] { Snapshots, "/v1/trades?exchange=ASX&symbol=BHP", "/v1/ohlcv/1h?exchange=ASX&symbol=BHP" };
        for (var i = 0; i < ProductionApiFixture.Permits; i++)
        {
            using var allowed = await SendAsync(HttpMethod.Get, routes[i % routes.Length], ProductionApiFixture.CarolKey);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        foreach (var route in routes.Append("/v1/symbols").Append("/v1/quotes?exchange=ASX&symbol=BHP"))
        {
            using var limited = await SendAsync(HttpMethod.Get, route, ProductionApiFixture.CarolKey);
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, route);
            Assert.Equal("rate_limited", (await limited.Content.ReadFromJsonAsync<JsonElement>()).ErrorCode());
        }

        using var otherClient = await SendAsync(HttpMethod.Get, Snapshots, ProductionApiFixture.AliceKey);
        Assert.Equal(HttpStatusCode.OK, otherClient.StatusCode);
    }

    [Fact]
    public async Task The_grpc_service_needs_a_key_too()
    {
        using var channel = fixture.CreateGrpcChannel();
        var client = new K2.Api.Grpc.V1.MarketData.MarketDataClient(channel);
        var request = new K2.Api.Grpc.V1.TradesRequest { Exchange = "ASX", Symbol = "BHP" };

        var refused = await Assert.ThrowsAsync<global::Grpc.Core.RpcException>(() => client.GetTradesAsync(request).ResponseAsync);
        var page = await client.GetTradesAsync(request, new global::Grpc.Core.Metadata { { "X-API-Key", ProductionApiFixture.AliceKey } });

        Assert.Equal(global::Grpc.Core.StatusCode.Unauthenticated, refused.StatusCode);
        Assert.Equal("BHP", page.Symbol);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/trades") { Content = new ByteArrayContent(new byte[(10 * 1024 * 1024) + 1]) };
        request.Headers.Add("X-API-Key", ProductionApiFixture.AliceKey);

        using var response = await fixture.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("body_too_large", (await response.Content.ReadFromJsonAsync<JsonElement>()).ErrorCode());
    }

    [Fact]
    public async Task Responses_carry_the_callers_correlation_id_or_a_new_one()
    {
        using var echoed = await SendAsync(HttpMethod.Get, Snapshots, key: null, correlationId: "req-42.a_b");
        using var replaced = await SendAsync(HttpMethod.Get, Snapshots, key: null, correlationId: "evil\u0001id");
        using var fresh = await SendAsync(HttpMethod.Get, "/openapi/v1.json", key: null);

        Assert.Equal("req-42.a_b", Assert.Single(echoed.Headers.GetValues("X-Correlation-ID")));
        Assert.NotEqual("evil\u0001id", Assert.Single(replaced.Headers.GetValues("X-Correlation-ID")));
        Assert.Equal(32, Assert.Single(fresh.Headers.GetValues("X-Correlation-ID")).Length);
    }

    [Fact]
    public async Task Configured_origins_pass_the_cors_preflight_and_others_do_not()
    {
        using var allowed = await PreflightAsync(ProductionApiFixture.DashboardOrigin);
        using var other = await PreflightAsync("https://elsewhere.example");

        Assert.Equal(ProductionApiFixture.DashboardOrigin, Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_openapi_document_and_reference_page_describe_the_v1_routes_without_a_key()
    {
        using var document = await SendAsync(HttpMethod.Get, "/openapi/v1.json", key: null);
        using var page = await SendAsync(HttpMethod.Get, "/scalar/v1", key: null);

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        var paths = (await document.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("paths");
        foreach (var path in new[] { "/v1/trades", "/v1/quotes", "/v1/ohlcv/{interval}", "/v1/symbols", "/v1/snapshots", "/v1/symbols/{exchange}/{symbol}/integrity" })
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? key, string? correlationId = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Add("X-API-Key", key);
        }

        if (correlationId is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Correlation-ID", correlationId);
        }

        return await fixture.Http.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PreflightAsync(string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/v1/trades");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        return await fixture.Http.SendAsync(request);
    }
}

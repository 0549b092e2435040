using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using K2.Contracts.Grains;
using K2.Testing;

namespace K2.Api.Tests;

public sealed class SymbolsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Integrity_returns_the_grains_summary_with_its_open_gaps()
    {
        await fixture.Cluster.Client.GetGrain<ISymbolGrain>("BINANCE/ETHUSDT")
            .IngestAsync(new TradeBatch([.. new long[] { 7, 8, 12, 8 }.Select(id => Trades.Binance(id, symbol: "ETHUSDT"))]));

        using var response = await fixture.Http.GetAsync(new Uri("/v1/symbols/binance/ethusdt/integrity", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = body.RootElement;
        Assert.Equal("BINANCE", root.GetProperty("exchange").GetString());
        Assert.Equal("ETHUSDT", root.GetProperty("symbol").GetString());
        Assert.Equal(3, root.GetProperty("accepted").GetInt64());
        Assert.Equal(1, root.GetProperty("duplicatesByMessageId").GetInt64());
        Assert.Equal(12, root.GetProperty("lastSequence").GetInt64());
        var gap = Assert.Single(root.GetProperty("openGaps").EnumerateArray());
        Assert.Equal(9, gap.GetProperty("from").GetInt64());
        Assert.Equal(11, gap.GetProperty("to").GetInt64());
        Assert.Equal(3, gap.GetProperty("missing").GetInt64());
    }

    [Fact]
    public async Task A_symbol_without_data_is_a_404_with_the_standard_error_body()
    {
        using var response = await fixture.Http.GetAsync(new Uri("/v1/symbols/ASX/NOSUCH/integrity", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("unknown_symbol", error.GetProperty("error").GetString());
        Assert.Contains("ASX/NOSUCH", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/v1/symbols/BIN'ANCE/BTCUSDT/integrity")]
    [InlineData("/v1/symbols/BINANCE/BTC%20USDT/integrity")]
    [InlineData("/v1/symbols/BINANCE/BTCUSDT;DROP%20TABLE%20orleansstorage/integrity")]
    public async Task Invalid_symbol_codes_are_a_400_not_a_grain_activation(string path)
    {
        using var response = await fixture.Http.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("invalid_symbol", error.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Health_reports_the_cluster_and_alive_answers_without_dependencies()
    {
        using var health = await fixture.Http.GetAsync(new Uri("/health", UriKind.Relative));
        using var alive = await fixture.Http.GetAsync(new Uri("/alive", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        using var report = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("status").GetString());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("orleans-cluster").GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
    }
}

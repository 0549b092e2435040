using System.Net;
using K2.Api.Tests.Infrastructure;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Testing;

namespace K2.Api.Tests;

/// <summary>GET /v1/symbols on a cluster and lakehouse of its own, so the listing holds exactly what these tests put there.</summary>
public sealed class SymbolListApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Symbols_list_cold_hot_and_mixed_holdings_with_every_trade_counted_once()
    {
        await fixture.Cold.AppendTradesAsync([.. Enumerable.Range(1, 3).Select(i => Trades.Asx(i, "AAA") with { PlatformSequence = i })]);
        await IngestAsync("HOTUSDT", Numbered("HOTUSDT", 4));
        var mixed = Numbered("MIXUSDT", 6);
        await IngestAsync("MIXUSDT", mixed);
        await fixture.Cold.AppendTradesAsync(mixed[..4]);

        var all = await fixture.Http.GetJsonAsync("/v1/symbols");
        var asx = await fixture.Http.GetJsonAsync("/v1/symbols?exchange=asx");

        var listed = all.GetProperty("symbols").EnumerateArray()
            .Select(s => (Key: $"{s.GetProperty("exchange").GetString()}/{s.GetProperty("symbol").GetString()}", Count: s.GetProperty("tradeCount").GetInt64(), Hot: s.GetProperty("hotTradeCount").GetInt64()))
            .ToList();
        Assert.Equal([("ASX/AAA", 3L, 0L), ("BINANCE/HOTUSDT", 4L, 4L), ("BINANCE/MIXUSDT", 6L, 6L)], listed);
        var mixedRow = all.GetProperty("symbols")[2];
        Assert.Equal("2026-03-10T10:00:00.001000Z", mixedRow.GetProperty("firstTradeTime").GetString());
        Assert.Equal("2026-03-10T10:00:00.006000Z", mixedRow.GetProperty("lastTradeTime").GetString());
        Assert.Equal("AAA", Assert.Single(asx.GetProperty("symbols").EnumerateArray()).GetProperty("symbol").GetString());
    }

    [Fact]
    public async Task A_malformed_exchange_is_a_400()
    {
        var body = await fixture.Http.GetJsonAsync("/v1/symbols?exchange=" + Uri.EscapeDataString("ASX' OR '1'='1"), HttpStatusCode.BadRequest);

        Assert.Equal("invalid_symbol", body.ErrorCode());
    }

    private static List<Trade> Numbered(string symbol, int count) =>
        [.. Enumerable.Range(1, count).Select(i => Trades.Binance(i, symbol: symbol) with { PlatformSequence = i })];

    private Task IngestAsync(string symbol, IEnumerable<Trade> trades) =>
        fixture.Cluster.Client.GetGrain<ISymbolGrain>($"BINANCE/{symbol}").IngestAsync(new TradeBatch([.. trades.Select(t => t with { PlatformSequence = null })])).AsTask();
}

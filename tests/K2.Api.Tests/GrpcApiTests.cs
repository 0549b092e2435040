using Grpc.Core;
using K2.Api.Grpc.V1;
using K2.Api.Tests.Infrastructure;
using K2.Contracts.Grains;
using K2.Testing;

namespace K2.Api.Tests;

/// <summary>The gRPC MarketData service answers as its REST twins do, over the same hot grains and cold lakehouse.</summary>
public sealed class GrpcApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task GetTrades_equals_the_rest_page()
    {
        await SeedAsync("GRPCUSDT", 10, cold: 6);
        using var channel = fixture.CreateGrpcChannel();

        var page = await new MarketData.MarketDataClient(channel).GetTradesAsync(new TradesRequest { Exchange = "BINANCE", Symbol = "GRPCUSDT", Order = "asc", Limit = 4 });
        var rest = await fixture.Http.GetJsonAsync("/v1/trades?exchange=BINANCE&symbol=GRPCUSDT&order=asc&limit=4");

        Assert.Equal(rest.GetProperty("coldSnapshotId").GetInt64(), page.ColdSnapshotId);
        Assert.Equal(rest.GetProperty("trades").EnumerateArray().Select(t => (t.GetProperty("tradeId").GetString(), t.GetProperty("price").GetString(), t.GetProperty("timestamp").GetString())), page.Trades.Select(t => ((string?)t.TradeId, (string?)t.Price, (string?)t.Timestamp)));
        Assert.NotEmpty(page.NextCursor);
    }

    [Fact]
    public async Task StreamTrades_streams_every_trade_of_the_range_once_in_order()
    {
        await SeedAsync("STREAMUSDT", 10, cold: 4);
        using var channel = fixture.CreateGrpcChannel();

        using var call = new MarketData.MarketDataClient(channel).StreamTrades(new TradesRequest { Exchange = "BINANCE", Symbol = "STREAMUSDT", Order = "asc", Limit = 3 });
        var sequences = new List<long>();
        await foreach (var trade in call.ResponseStream.ReadAllAsync())
        {
            sequences.Add(trade.PlatformSequence);
        }

        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), sequences);
    }

    [Fact]
    public async Task GetOhlcv_merges_hot_and_cold_like_rest()
    {
        await SeedAsync("CANDLEUSDT", 8, cold: 5);
        using var channel = fixture.CreateGrpcChannel();

        var page = await new MarketData.MarketDataClient(channel).GetOhlcvAsync(new OhlcvRequest { Interval = "1m", Range = new TradesRequest { Exchange = "BINANCE", Symbol = "CANDLEUSDT" } });

        var candle = Assert.Single(page.Candles);
        Assert.Equal(8, candle.TradeCount);
        Assert.Equal("67123.45678901", candle.Open);
        Assert.Equal("0.00098760", candle.Volume);
    }

    [Fact]
    public async Task Bad_arguments_are_invalid_argument_with_the_rest_error_code()
    {
        using var channel = fixture.CreateGrpcChannel();
        var client = new MarketData.MarketDataClient(channel);

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.GetTradesAsync(new TradesRequest { Exchange = "BINANCE", Symbol = "BTC'USDT" }).ResponseAsync);
        var interval = await Assert.ThrowsAsync<RpcException>(() => client.GetOhlcvAsync(new OhlcvRequest { Interval = "2m", Range = new TradesRequest { Exchange = "BINANCE", Symbol = "BTCUSDT" } }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Equal("invalid_symbol", refused.Trailers.GetValue("error"));
        Assert.Equal("invalid_interval", interval.Trailers.GetValue("error"));
    }

    private async Task SeedAsync(string symbol, int count, int cold)
    {
        var trades = Enumerable.Range(1, count).Select(i => Trades.Binance(i, symbol: symbol) with { PlatformSequence = i }).ToList();
        await fixture.Cluster.Client.GetGrain<ISymbolGrain>($"BINANCE/{symbol}").IngestAsync(new TradeBatch([.. trades.Select(t => t with { PlatformSequence = null })]));
        await fixture.Cold.AppendTradesAsync(trades[..cold]);
    }
}

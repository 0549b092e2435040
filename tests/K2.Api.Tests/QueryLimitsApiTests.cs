using System.Net;
using K2.Api.Tests.Infrastructure;
using K2.Testing;

namespace K2.Api.Tests;

/// <summary>A query budget no query can meet: the answer is a 504 with the standard body, not a hang or a 500.</summary>
public sealed class ExhaustedBudgetFixture : ApiFixture
{
    protected override IReadOnlyDictionary<string, string> Settings { get; } = new Dictionary<string, string>
    {
        ["K2:Query:QueryTimeout"] = "00:00:00.0000001",
    };
}

public sealed class QueryLimitsApiTests(ExhaustedBudgetFixture fixture) : IClassFixture<ExhaustedBudgetFixture>
{
    [Theory]
    [InlineData("/v1/trades?exchange=BINANCE&symbol=BTCUSDT")]
    [InlineData("/v1/quotes?exchange=BINANCE&symbol=BTCUSDT")]
    [InlineData("/v1/ohlcv/1m?exchange=BINANCE&symbol=BTCUSDT")]
    [InlineData("/v1/symbols")]
    [InlineData("/v1/snapshots?table=trades")]
    public async Task A_query_over_its_budget_is_a_504_query_timeout(string path)
    {
        await fixture.Cold.AppendTradesAsync([Trades.Binance(1) with { PlatformSequence = 1 }]);

        var body = await fixture.Http.GetJsonAsync(path, HttpStatusCode.GatewayTimeout);

        Assert.Equal("query_timeout", body.ErrorCode());
    }
}

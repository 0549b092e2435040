using System.Net;
using K2.Api.Tests.Infrastructure;
using K2.Testing;

namespace K2.Api.Tests;

public sealed class SnapshotsApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Snapshots_are_listed_newest_first_and_as_of_an_instant_reads_the_older_state()
    {
        var trades = Enumerable.Range(1, 4).Select(i => Trades.Binance(i, symbol: "SNAPUSDT") with { PlatformSequence = i }).ToList();
        var first = await fixture.Cold.AppendTradesAsync(trades[..2]);
        var second = await fixture.Cold.AppendTradesAsync(trades[2..]);

        var list = await fixture.Http.GetJsonAsync("/v1/snapshots?table=trades");

        var snapshots = list.GetProperty("snapshots").EnumerateArray().ToList();
        Assert.Equal(second, list.GetProperty("currentSnapshotId").GetInt64());
        Assert.Equal([second, first], snapshots.Select(s => s.GetProperty("snapshotId").GetInt64()));
        Assert.True(snapshots[0].GetProperty("current").GetBoolean());
        Assert.Equal(first, snapshots[0].GetProperty("parentSnapshotId").GetInt64());
        Assert.Equal("append", snapshots[0].GetProperty("operation").GetString());
        Assert.Equal("4", snapshots[0].GetProperty("summary").GetProperty("total-records").GetString());

        var firstAt = snapshots[1].GetProperty("committedAt").GetString()!;
        var old = await fixture.Http.GetJsonAsync($"/v1/trades?exchange=BINANCE&symbol=SNAPUSDT&asOf={Uri.EscapeDataString(firstAt)}");
        var tooEarly = await fixture.Http.GetJsonAsync("/v1/trades?exchange=BINANCE&symbol=SNAPUSDT&asOf=2000-01-01T00:00:00Z", HttpStatusCode.NotFound);

        Assert.Equal(first, old.GetProperty("coldSnapshotId").GetInt64());
        Assert.Equal(2, old.GetProperty("count").GetInt32());
        Assert.Equal("unknown_snapshot", tooEarly.ErrorCode());
    }

    [Fact]
    public async Task A_table_without_snapshots_lists_none()
    {
        var body = await fixture.Http.GetJsonAsync("/v1/snapshots?table=quotes");

        Assert.Empty(body.GetProperty("snapshots").EnumerateArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("?table=orders")]
    [InlineData("?table=trades%27%3B%20DROP%20TABLE%20iceberg_tables%3B--")]
    public async Task Only_trades_and_quotes_are_tables(string query)
    {
        var body = await fixture.Http.GetJsonAsync("/v1/snapshots" + query, HttpStatusCode.BadRequest);

        Assert.Equal("invalid_table", body.ErrorCode());
    }
}

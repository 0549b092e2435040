using System.Globalization;
using System.Net;
using System.Text.Json;
using K2.Api.Tests.Infrastructure;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using Orleans.TestingHost;

namespace K2.Api.Tests;

/// <summary>
/// The real ASX day for BHP, parsed by the project's ASX parser, ingested into the real BHP grain in row order (so
/// the grain numbers it as production would), and written to the lakehouse up to a little past the start of the
/// grain's hot window: the last candles span the seam, with trades on both sides and some on both.
/// </summary>
public sealed class BhpDayFixture : ApiFixture
{
    private const int BatchSize = 1_000;

    public IReadOnlyList<Trade> Day { get; private set; } = [];

    public HotTradeSlice Hot { get; private set; } = new();

    public int ColdRows { get; private set; }

    /// <summary>The default window keeps 15 minutes behind the newest trade; a day-long one keeps the last 10,000 trades hot.</summary>
    protected override void ConfigureCluster(TestClusterBuilder builder) => builder.Properties["K2:HotWindow:MaxAge"] = "1.00:00:00";

    protected override async Task SeedAsync()
    {
        Day = AsxSampleDay.ParseTrades(AsxSampleDay.BhpCompanyId, "BHP");
        var grain = Cluster.Client.GetGrain<ISymbolGrain>("ASX/BHP");
        foreach (var batch in Day.Chunk(BatchSize))
        {
            await grain.IngestAsync(new TradeBatch([.. batch.Select(t => t with { PlatformSequence = null })]));
        }

        Hot = await grain.GetHotTradesAsync();
        var firstHot = (int)Hot.Trades[0].PlatformSequence!.Value;
        ColdRows = firstHot - 1 + (Hot.Trades.Count / 2);
        await Cold.AppendTradesAsync(Day.Take(ColdRows).ToList());
    }
}

public sealed class OhlcvApiTests(BhpDayFixture fixture) : IClassFixture<BhpDayFixture>
{
    private const string Range = "exchange=ASX&symbol=BHP&start=2014-03-10T00:00:00Z&end=2014-03-12T00:00:00Z&order=asc";

    [Fact]
    public void The_setup_puts_trades_on_both_sides_of_the_seam_numbered_as_the_grain_numbers_them()
    {
        Assert.NotEmpty(fixture.Hot.Trades);
        Assert.True(fixture.ColdRows < fixture.Day.Count);
        Assert.All(fixture.Hot.Trades, t => Assert.Equal(fixture.Day[(int)t.PlatformSequence!.Value - 1].TradeId, t.TradeId));
    }

    [Theory]
    [InlineData("1d", 24)]
    [InlineData("1h", 1)]
    public async Task Bhp_on_2014_03_11_equals_an_independent_computation_over_the_raw_csv(string interval, int hours)
    {
        var expected = CsvCandles.Compute(AsxSampleDay.TradesFile(AsxSampleDay.BhpCompanyId), TimeSpan.FromHours(hours));

        var body = await fixture.Http.GetJsonAsync($"/v1/ohlcv/{interval}?{Range}&limit=100");

        var candles = body.GetProperty("candles").EnumerateArray().ToList();
        Assert.Equal(expected.Count, candles.Count);
        Assert.Equal(fixture.Day.Count, candles.Sum(c => c.GetProperty("tradeCount").GetInt64()));
        foreach (var (want, got) in expected.Zip(candles))
        {
            Assert.Equal(Timestamp(want.Start), got.GetProperty("start").GetString());
            Assert.Equal(Timestamp(want.Start.AddHours(hours)), got.GetProperty("end").GetString());
            Assert.Equal(Exact(want.Open), got.GetProperty("open").GetString());
            Assert.Equal(Exact(want.High), got.GetProperty("high").GetString());
            Assert.Equal(Exact(want.Low), got.GetProperty("low").GetString());
            Assert.Equal(Exact(want.Close), got.GetProperty("close").GetString());
            Assert.Equal(Exact(want.Volume), got.GetProperty("volume").GetString());
            Assert.Equal(Exact(want.Vwap), got.GetProperty("vwap").GetString());
            Assert.Equal(want.Count, got.GetProperty("tradeCount").GetInt64());
        }
    }

    [Fact]
    public async Task Candle_pages_joined_by_cursor_equal_the_single_page()
    {
        var whole = await fixture.Http.GetJsonAsync($"/v1/ohlcv/15m?{Range}&limit=1000");
        var paged = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await fixture.Http.GetJsonAsync($"/v1/ohlcv/15m?{Range}&limit=7" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            paged.AddRange(page.GetProperty("candles").EnumerateArray());
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(whole.GetProperty("candles").EnumerateArray().Select(c => c.ToString()), paged.Select(c => c.ToString()));
        Assert.True(paged.Count > 7);
    }

    [Fact]
    public async Task Time_travel_candles_leave_the_hot_trades_out()
    {
        var snapshot = (await fixture.Http.GetJsonAsync($"/v1/ohlcv/1d?{Range}")).GetProperty("coldSnapshotId").GetInt64();

        var body = await fixture.Http.GetJsonAsync($"/v1/ohlcv/1d?{Range}&asOfSnapshot={snapshot}");

        Assert.Equal(fixture.ColdRows, body.GetProperty("candles").EnumerateArray().Sum(c => c.GetProperty("tradeCount").GetInt64()));
    }

    [Fact]
    public async Task An_unknown_interval_is_a_400()
    {
        var body = await fixture.Http.GetJsonAsync($"/v1/ohlcv/7m?{Range}", HttpStatusCode.BadRequest);

        Assert.Equal("invalid_interval", body.ErrorCode());
    }

    private static string Exact(decimal value) => value.ToString("F8", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}

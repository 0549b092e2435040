using System.Net;
using System.Text.Json;
using K2.Api.Tests.Infrastructure;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Testing;

namespace K2.Api.Tests;

/// <summary>
/// GET /v1/trades over a real cluster (hot) and a real lakehouse (cold), with the seam's edge cases set up by hand:
/// grains fed directly (never flushed, watermark 0), cold rows that are also hot (a flush the grain has not had
/// confirmed) and cold rows the grain never held. <see cref="PipelineSeamApiTests"/> runs the real flush. Each test
/// uses its own symbol.
/// </summary>
public sealed class TradesApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Hot_and_cold_merge_to_every_trade_exactly_once_with_the_cold_snapshot_named()
    {
        var trades = Numbered("SEAMUSDT", 10);
        await IngestAsync("SEAMUSDT", trades);
        var snapshot = await fixture.Cold.AppendTradesAsync(trades[..6]); // committed, not confirmed to the grain

        var body = await fixture.Http.GetJsonAsync("/v1/trades?exchange=BINANCE&symbol=SEAMUSDT&order=asc");

        Assert.Equal(snapshot, body.GetProperty("coldSnapshotId").GetInt64());
        Assert.Equal(0, body.GetProperty("flushedThroughSequence").GetInt64());
        Assert.Equal(Enumerable.Range(1, 10).Select(i => (long)i), Rows(body).Select(r => r.GetProperty("platformSequence").GetInt64()));
        Assert.Null(body.GetProperty("nextCursor").GetString());
    }

    [Fact]
    public async Task Cold_rows_the_grain_never_held_are_served_from_the_lakehouse()
    {
        var trades = Numbered("COLDUSDT", 5);
        await fixture.Cold.AppendTradesAsync(trades);

        var body = await fixture.Http.GetJsonAsync("/v1/trades?exchange=binance&symbol=coldusdt");

        Assert.Equal(trades.Select(t => t.TradeId).Reverse(), Rows(body).Select(r => r.GetProperty("tradeId").GetString()));
        Assert.Equal("desc", body.GetProperty("order").GetString());
    }

    [Fact]
    public async Task Decimals_are_exact_strings_and_timestamps_keep_microseconds_hot_and_cold_alike()
    {
        var at = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
        var trades = new[]
        {
            Trades.Binance(1, at, "EXACTUSDT") with { Price = 0.00012345m, Quantity = 9_999_999_999.99999999m, PlatformSequence = 1 },
            Trades.Binance(2, at.AddTicks(10), "EXACTUSDT") with { Price = 0.00012345m, Quantity = 9_999_999_999.99999999m },
        };
        await IngestAsync("EXACTUSDT", trades);
        await fixture.Cold.AppendTradesAsync(trades[..1]);

        var body = await fixture.Http.GetJsonAsync("/v1/trades?exchange=BINANCE&symbol=EXACTUSDT&order=asc");

        var rows = Rows(body);
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal("0.00012345", r.GetProperty("price").GetString()));
        Assert.All(rows, r => Assert.Equal("9999999999.99999999", r.GetProperty("quantity").GetString()));
        Assert.Equal("2026-03-10T10:00:00.123456Z", rows[0].GetProperty("timestamp").GetString());
        Assert.Equal("2026-03-10T10:00:00.123457Z", rows[1].GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task Cursor_pages_return_every_trade_once_while_new_trades_arrive()
    {
        var trades = Numbered("PAGEUSDT", 30);
        await IngestAsync("PAGEUSDT", trades[..20]);
        await fixture.Cold.AppendTradesAsync(trades[..12]);

        var seen = new List<long>();
        string? cursor = null;
        var arrived = 20;
        do
        {
            var body = await fixture.Http.GetJsonAsync("/v1/trades?exchange=BINANCE&symbol=PAGEUSDT&order=asc&limit=7" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor)));
            seen.AddRange(Rows(body).Select(r => r.GetProperty("platformSequence").GetInt64()));
            cursor = body.GetProperty("nextCursor").GetString();
            if (arrived < trades.Count)
            {
                await IngestAsync("PAGEUSDT", trades[arrived..(arrived + 5)]);
                arrived += 5;
            }
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task Time_travel_reads_the_older_snapshot_alone()
    {
        var trades = Numbered("TRAVELUSDT", 6);
        await IngestAsync("TRAVELUSDT", trades);
        var first = await fixture.Cold.AppendTradesAsync(trades[..2]);
        await fixture.Cold.AppendTradesAsync(trades[2..4]);

        var old = await fixture.Http.GetJsonAsync($"/v1/trades?exchange=BINANCE&symbol=TRAVELUSDT&order=asc&asOfSnapshot={first}");
        var unknown = await fixture.Http.GetJsonAsync("/v1/trades?exchange=BINANCE&symbol=TRAVELUSDT&asOfSnapshot=12345", HttpStatusCode.NotFound);

        Assert.Equal(first, old.GetProperty("coldSnapshotId").GetInt64());
        Assert.Equal(JsonValueKind.Null, old.GetProperty("flushedThroughSequence").ValueKind);
        Assert.Equal([1L, 2], Rows(old).Select(r => r.GetProperty("platformSequence").GetInt64()));
        Assert.Equal("unknown_snapshot", unknown.ErrorCode());
    }

    [Theory]
    [InlineData("limit=0", "invalid_limit")]
    [InlineData("limit=10001", "invalid_limit")]
    [InlineData("order=up", "invalid_order")]
    [InlineData("cursor=bm90LWEtY3Vyc29y.AAAA", "invalid_cursor")]
    [InlineData("start=2026-03-11T00:00:00Z&end=2026-03-10T00:00:00Z", "invalid_time_range")]
    public async Task Bad_parameters_are_400s_with_the_standard_error_body(string query, string error)
    {
        var body = await fixture.Http.GetJsonAsync("/v1/trades?exchange=BINANCE&symbol=BTCUSDT&" + query, HttpStatusCode.BadRequest);

        Assert.Equal(error, body.ErrorCode());
    }

    [Fact]
    public async Task A_cursor_of_another_symbol_is_refused()
    {
        var trades = Numbered("CURSORUSDT", 3);
        await IngestAsync("CURSORUSDT", trades);
        var page = await fixture.Http.GetJsonAsync("/v1/trades?exchange=BINANCE&symbol=CURSORUSDT&limit=1");
        var cursor = Uri.EscapeDataString(page.GetProperty("nextCursor").GetString()!);

        var body = await fixture.Http.GetJsonAsync($"/v1/trades?exchange=BINANCE&symbol=BTCUSDT&limit=1&cursor={cursor}", HttpStatusCode.BadRequest);

        Assert.Equal("invalid_cursor", body.ErrorCode());
    }

    [Fact]
    public async Task Every_read_while_flushes_commit_returns_each_trade_exactly_once()
    {
        var trades = Numbered("FLUSHUSDT", 60);
        await IngestAsync("FLUSHUSDT", trades);
        var flushes = Task.Run(async () =>
        {
            foreach (var chunk in trades.Chunk(6))
            {
                await fixture.Cold.AppendTradesAsync(chunk);
            }
        });

        var snapshots = new HashSet<long>();
        do
        {
            var body = await fixture.Http.GetJsonAsync("/v1/trades?exchange=BINANCE&symbol=FLUSHUSDT&order=asc&limit=100");
            Assert.Equal(Enumerable.Range(1, 60).Select(i => (long)i), Rows(body).Select(r => r.GetProperty("platformSequence").GetInt64()));
            if (body.GetProperty("coldSnapshotId").ValueKind == JsonValueKind.Number)
            {
                snapshots.Add(body.GetProperty("coldSnapshotId").GetInt64());
            }
        }
        while (!flushes.IsCompleted);

        await flushes;
        var final = await fixture.Http.GetJsonAsync("/v1/trades?exchange=BINANCE&symbol=FLUSHUSDT&order=asc&limit=100");
        Assert.Equal(60, final.GetProperty("count").GetInt32());
        Assert.NotEmpty(snapshots);
    }

    [Theory]
    [InlineData("exchange")]
    [InlineData("symbol")]
    [InlineData("start")]
    [InlineData("end")]
    [InlineData("limit")]
    [InlineData("cursor")]
    [InlineData("order")]
    [InlineData("asOfSnapshot")]
    [InlineData("asOf")]
    public async Task Sql_injection_in_any_parameter_is_a_400_never_a_500(string parameter)
    {
        foreach (var route in new[] { "/v1/trades", "/v1/quotes", "/v1/ohlcv/1h" })
        {
            foreach (var attack in new[] { "' OR 1=1 --", "BTCUSDT'; DROP TABLE iceberg_tables; --", "1); SELECT * FROM read_csv('/etc/passwd'); --" })
            {
                var values = new Dictionary<string, string> { ["exchange"] = "BINANCE", ["symbol"] = "BTCUSDT", [parameter] = attack };
                var query = string.Join('&', values.Select(kv => $"{kv.Key}={Uri.EscapeDataString(kv.Value)}"));

                var body = await fixture.Http.GetJsonAsync($"{route}?{query}", HttpStatusCode.BadRequest);

                Assert.StartsWith("invalid_", body.ErrorCode(), StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task Quotes_come_from_the_lakehouse_with_exact_decimals()
    {
        var at = new DateTimeOffset(2014, 3, 10, 23, 0, 0, TimeSpan.Zero);
        var quotes = Enumerable.Range(1, 3).Select(i => new Quote
        {
            MessageId = MessageIds.ForQuote("ASX", "QTE", $"ASX-Q{i}"),
            QuoteId = $"ASX-Q{i}",
            Symbol = "QTE",
            Exchange = "ASX",
            AssetClass = AssetClass.Equities,
            Timestamp = at.AddTicks(i * 10),
            BidPrice = 36.16m,
            BidQuantity = 600m,
            AskPrice = i == 1 ? 0m : 36.25000001m,
            AskQuantity = 0.00000001m,
            Currency = "AUD",
            IngestionTimestamp = at,
        }).ToList();
        var snapshot = await fixture.Cold.AppendQuotesAsync(quotes);

        var body = await fixture.Http.GetJsonAsync("/v1/quotes?exchange=ASX&symbol=QTE&order=asc&limit=2");
        var next = await fixture.Http.GetJsonAsync("/v1/quotes?exchange=ASX&symbol=QTE&order=asc&limit=2&cursor=" + Uri.EscapeDataString(body.GetProperty("nextCursor").GetString()!));

        Assert.Equal(snapshot, body.GetProperty("coldSnapshotId").GetInt64());
        var rows = body.GetProperty("quotes").EnumerateArray().Concat(next.GetProperty("quotes").EnumerateArray()).ToList();
        Assert.Equal(["ASX-Q1", "ASX-Q2", "ASX-Q3"], rows.Select(r => r.GetProperty("quoteId").GetString()));
        Assert.Equal("0.00000000", rows[0].GetProperty("askPrice").GetString());
        Assert.Equal("36.25000001", rows[1].GetProperty("askPrice").GetString());
        Assert.Equal("0.00000001", rows[1].GetProperty("askQuantity").GetString());
        Assert.Equal("2014-03-10T23:00:00.000001Z", rows[0].GetProperty("timestamp").GetString());
    }

    /// <summary>Trades 1..n with platform sequences 1..n, as the grain numbers them when ingested in this order.</summary>
    private static List<Trade> Numbered(string symbol, int count) =>
        [.. Enumerable.Range(1, count).Select(i => Trades.Binance(i, symbol: symbol) with { PlatformSequence = i })];

    private Task IngestAsync(string symbol, IEnumerable<Trade> trades) =>
        fixture.Cluster.Client.GetGrain<ISymbolGrain>($"BINANCE/{symbol}").IngestAsync(new TradeBatch([.. trades.Select(t => t with { PlatformSequence = null })])).AsTask();

    private static List<JsonElement> Rows(JsonElement body) => [.. body.GetProperty("trades").EnumerateArray()];
}

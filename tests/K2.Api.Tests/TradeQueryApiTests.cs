using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using DuckDB.NET.Data;
using K2.Api.Tests.Infrastructure;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Testing;

namespace K2.Api.Tests;

/// <summary>Trades for POST /v1/trades/query: one symbol hot and cold at once, one cold only; awkward exact decimals.</summary>
public sealed class TradeQueryFixture : ApiFixture
{
    public static readonly decimal[] Prices = [0.00012345m, 9_999_999_999.99999999m, 1.5m, 36.667m];

    public IReadOnlyList<Trade> Binance { get; private set; } = [];

    public IReadOnlyList<Trade> Asx { get; private set; } = [];

    protected override async Task SeedAsync()
    {
        var at = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_560);
        Binance = [.. Prices.Select((price, i) => Trades.Binance(i + 1, at.AddTicks(i * 10), "QRYUSDT") with { Price = price, Quantity = 0.00000001m * (i + 1), PlatformSequence = i + 1 })];
        Asx = [.. Enumerable.Range(1, 3).Select(i => Trades.Asx(i, "QRYB", at.AddSeconds(i)) with { Price = 36.16m + i, PlatformSequence = i })];
        await Cluster.Client.GetGrain<ISymbolGrain>("BINANCE/QRYUSDT").IngestAsync(new TradeBatch([.. Binance.Select(t => t with { PlatformSequence = null })]));
        await Cold.AppendTradesAsync([.. Binance.Take(2), .. Asx]);
    }
}

public sealed class TradeQueryApiTests(TradeQueryFixture fixture) : IClassFixture<TradeQueryFixture>
{
    private static readonly string[] Fields = ["symbol", "timestamp", "price", "quantity", "platformSequence"];

    [Fact]
    public async Task Json_returns_the_selected_fields_of_every_symbol_in_order_hot_and_cold_once()
    {
        using var response = await PostAsync(new { symbols = new[] { "BINANCE/QRYUSDT", "ASX/QRYB" }, fields = Fields });

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var rows = body.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal("7", Assert.Single(response.Headers.GetValues("X-K2-Row-Count")));
        Assert.False(body.GetProperty("truncated").GetBoolean());
        Assert.Equal(Fields, body.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(Fields, rows[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal(Expected().Select(t => (t.Symbol, Exact(t.Price), Exact(t.Quantity))), rows.Select(r => (r.GetProperty("symbol").GetString()!, r.GetProperty("price").GetString()!, r.GetProperty("quantity").GetString()!)));
        Assert.Equal("2026-03-10T10:00:00.123456Z", rows[0].GetProperty("timestamp").GetString());
    }

    [Fact]
    public async Task Price_and_quantity_bounds_apply_to_hot_and_cold_rows()
    {
        using var response = await PostAsync(new { symbols = new[] { "BINANCE/QRYUSDT" }, fields = Fields, minPrice = "1.5", maxQuantity = "0.00000003" });

        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray();
        Assert.Equal(["9999999999.99999999", "1.50000000"], rows.Select(r => r.GetProperty("price").GetString()));
    }

    [Fact]
    public async Task Csv_round_trips_exact_decimals()
    {
        using var response = await PostAsync(new { symbols = new[] { "BINANCE/QRYUSDT", "ASX/QRYB" }, fields = Fields, format = "csv" });

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var lines = (await response.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(string.Join(',', Fields), lines[0]);
        var read = lines[1..].Select(l => l.Split(',')).Select(f => (f[0], decimal.Parse(f[2], CultureInfo.InvariantCulture), decimal.Parse(f[3], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal(Expected().Select(t => (t.Symbol, t.Price, t.Quantity)), read);
    }

    [Fact]
    public async Task Parquet_round_trips_exact_decimals_and_microsecond_timestamps()
    {
        using var response = await PostAsync(new { symbols = new[] { "BINANCE/QRYUSDT", "ASX/QRYB" }, fields = Fields, format = "parquet" });
        var path = Path.Combine(Path.GetTempPath(), $"k2-export-{Guid.NewGuid():N}.parquet");
        await File.WriteAllBytesAsync(path, await response.Content.ReadAsByteArrayAsync());
        try
        {
            await using var duck = new DuckDBConnection("DataSource=:memory:");
            await duck.OpenAsync();
            await using var command = duck.CreateCommand();
            command.CommandText = "SELECT symbol, price, quantity, epoch_us(\"timestamp\"), typeof(price) FROM read_parquet($path)";
            command.Parameters.Add(new DuckDBParameter("path", path));
            await using var reader = await command.ExecuteReaderAsync();
            var read = new List<(string, decimal, decimal, long)>();
            while (await reader.ReadAsync())
            {
                Assert.Equal("DECIMAL(18,8)", reader.GetString(4));
                read.Add((reader.GetString(0), reader.GetDecimal(1), reader.GetDecimal(2), reader.GetInt64(3)));
            }

            Assert.Equal(Expected().Select(t => (t.Symbol, t.Price, t.Quantity, UtcMicros.ToMicros(t.Timestamp))), read);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Arrow_ipc_round_trips_exact_decimals_and_microsecond_timestamps()
    {
        using var response = await PostAsync(new { symbols = new[] { "BINANCE/QRYUSDT", "ASX/QRYB" }, fields = Fields, format = "arrow" });

        using var reader = new ArrowStreamReader(await response.Content.ReadAsStreamAsync());
        using var batch = await reader.ReadNextRecordBatchAsync();
        var symbols = (StringArray)batch.Column("symbol");
        var prices = (Decimal128Array)batch.Column("price");
        var quantities = (Decimal128Array)batch.Column("quantity");
        var timestamps = (TimestampArray)batch.Column("timestamp");
        var read = Enumerable.Range(0, batch.Length).Select(i => (symbols.GetString(i), prices.GetValue(i), quantities.GetValue(i), timestamps.GetTimestamp(i))).ToList();
        Assert.Equal(Expected().Select(t => (t.Symbol, (decimal?)t.Price, (decimal?)t.Quantity, (DateTimeOffset?)t.Timestamp)), read);
    }

    [Fact]
    public async Task The_row_cap_cuts_the_answer_and_says_so()
    {
        using var cut = await PostAsync(new { symbols = new[] { "BINANCE/QRYUSDT", "ASX/QRYB" }, fields = Fields, limit = 4 });
        using var exact = await PostAsync(new { symbols = new[] { "BINANCE/QRYUSDT", "ASX/QRYB" }, fields = Fields, limit = 7 });

        Assert.Equal("true", Assert.Single(cut.Headers.GetValues("X-K2-Truncated")));
        Assert.Equal(4, (await cut.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").GetArrayLength());
        Assert.Equal("false", Assert.Single(exact.Headers.GetValues("X-K2-Truncated")));
    }

    [Theory]
    [InlineData(1)] // inside the first symbol (its rows are all hot: the grain holds every one, the seam hides the cold copies)
    [InlineData(3)]
    [InlineData(5)] // inside the second symbol (cold only)
    [InlineData(6)]
    public async Task A_cap_anywhere_in_the_answer_returns_exactly_the_first_rows_in_symbol_then_time_order(int limit)
    {
        using var response = await PostAsync(new { symbols = new[] { "BINANCE/QRYUSDT", "ASX/QRYB" }, fields = Fields, limit });

        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray();
        Assert.Equal("true", Assert.Single(response.Headers.GetValues("X-K2-Truncated")));
        Assert.Equal(Expected().Take(limit).Select(t => (t.Symbol, Exact(t.Price))), rows.Select(r => (r.GetProperty("symbol").GetString()!, r.GetProperty("price").GetString()!)));
    }

    [Theory]
    [InlineData(1, true)] // the cold query stops at 2 of the first symbol's 3 cold rows
    [InlineData(2, true)]
    [InlineData(7, false)]
    public async Task Symbols_come_in_the_order_asked_not_the_table_order(int limit, bool truncated)
    {
        using var response = await PostAsync(new { symbols = new[] { "ASX/QRYB", "BINANCE/QRYUSDT" }, fields = Fields, limit });

        var rows = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows").EnumerateArray();
        Assert.Equal(truncated ? "true" : "false", Assert.Single(response.Headers.GetValues("X-K2-Truncated")));
        Assert.Equal(fixture.Asx.Concat(fixture.Binance).Take(limit).Select(t => (t.Symbol, Exact(t.Price))), rows.Select(r => (r.GetProperty("symbol").GetString()!, r.GetProperty("price").GetString()!)));
    }

    [Theory]
    [InlineData("{\"symbols\":[\"ASX/QRYB\"],\"fields\":[\"price\",\"vendorData\"]}", "invalid_field")]
    [InlineData("{\"symbols\":[\"ASX/QRYB\"],\"fields\":[\"price; DROP TABLE trades\"]}", "invalid_field")]
    [InlineData("{\"symbols\":[\"ASX/QRYB\"],\"format\":\"xlsx\"}", "invalid_format")]
    [InlineData("{\"symbols\":[\"ASX/QRYB\"],\"minPrice\":\"1 OR 1=1\"}", "invalid_bound")]
    [InlineData("{\"symbols\":[\"ASX/QRYB\"],\"maxQuantity\":\"0.000000001\"}", "invalid_bound")]
    [InlineData("{\"symbols\":[\"ASX/QRYB' OR '1'='1\"]}", "invalid_symbol")]
    [InlineData("{\"symbols\":[]}", "invalid_symbol")]
    [InlineData("{\"symbols\":[\"ASX/QRYB\"],\"limit\":0}", "invalid_limit")]
    [InlineData("{\"symbols\":[\"ASX/QRYB\"],\"start\":\"'; --\"}", "invalid_time")]
    [InlineData("{\"symbols\":[\"ASX/QRYB\"],\"asOfSnapshot\":\"1; DROP TABLE x\"}", "invalid_time_travel")]
    [InlineData("{\"symbols\": ", "invalid_body")]
    [InlineData("[1,2]", "invalid_body")]
    public async Task Bad_queries_are_400s_with_the_standard_error_body(string json, string error)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        using var response = await fixture.Http.PostAsync(new Uri("/v1/trades/query", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(error, (await response.Content.ReadFromJsonAsync<JsonElement>()).ErrorCode());
    }

    private IEnumerable<Trade> Expected() => fixture.Binance.Concat(fixture.Asx);

    private static string Exact(decimal value) => value.ToString("F8", CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> PostAsync(object body)
    {
        var response = await fixture.Http.PostAsJsonAsync(new Uri("/v1/trades/query", UriKind.Relative), body);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return response;
    }
}

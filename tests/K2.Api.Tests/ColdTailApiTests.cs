using System.Text.Json;
using K2.Api.Tests.Infrastructure;
using K2.Contracts.Model;
using K2.Testing;

namespace K2.Api.Tests;

/// <summary>
/// The cold tail cache in the running API: a latest page read once is served again without opening the table's files,
/// and an append after it is merged in by reading only the appended files. The files read before are deleted, so a
/// request that read the table (instead of the cache) would fail.
/// </summary>
public sealed class ColdTailApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task A_latest_page_comes_from_the_tail_and_an_append_is_merged_in_from_its_own_files()
    {
        const string symbol = "COLDTAILUSDT";
        var (_, first) = await fixture.Cold.AppendTradeFilesAsync(Batch(symbol, 1, 20));
        var path = $"/v1/trades?exchange=BINANCE&symbol={symbol}&limit=5";
        Assert.Equal(Expected(20, 5), Ids(await fixture.Http.GetJsonAsync(path)));

        Assert.All(first, File.Delete);
        Assert.Equal(Expected(20, 5), Ids(await fixture.Http.GetJsonAsync(path)));

        await fixture.Cold.AppendTradeFilesAsync(Batch(symbol, 21, 23));
        Assert.Equal(Expected(23, 5), Ids(await fixture.Http.GetJsonAsync(path)));
    }

    private static IEnumerable<string> Expected(int newest, int count) => Enumerable.Range(newest - count + 1, count).Reverse().Select(i => $"BINANCE-{i}");

    private static List<Trade> Batch(string symbol, int first, int last) =>
        [.. Enumerable.Range(first, last - first + 1).Select(i => Trades.Binance(i, symbol: symbol) with { PlatformSequence = i })];

    private static List<string?> Ids(JsonElement body) => [.. body.GetProperty("trades").EnumerateArray().Select(row => row.GetProperty("tradeId").GetString())];
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace K2.QueryBench;

/// <summary>
/// The five queries as REST calls to the running K2.Api over loopback HTTP/1.1, the way a client would make them;
/// every answer's body is read and parsed in full.
/// </summary>
internal sealed class ApiTarget : IQueryTarget
{
    private readonly HttpClient _http;
    private readonly DateTimeOffset _asOf;

    public ApiTarget(Uri api, string apiKey, int concurrency, DateTimeOffset asOf)
    {
        _asOf = asOf;
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = api,
            Timeout = TimeSpan.FromMinutes(2),
        };
        _http.DefaultRequestHeaders.Add("X-API-Key", apiKey);
    }

    public string Name => "K2 API";

    public async Task<QueryAnswer> AnswerAsync(QueryDraw draw, int worker, CancellationToken cancellationToken)
    {
        using var response = draw.Kind switch
        {
            QueryKind.Latest100 => await _http.GetAsync(Trades(draw) + $"&limit={QueryDraw.LatestLimit}", cancellationToken),
            QueryKind.AsOfLatest100 => await _http.GetAsync(Trades(draw) + $"&limit={QueryDraw.LatestLimit}&asOf={Iso(_asOf)}", cancellationToken),
            QueryKind.MinuteRange => await _http.GetAsync(Trades(draw) + $"&order=asc&limit={QueryDraw.RangeLimit}&start={Iso(draw.From)}&end={Iso(draw.Until)}", cancellationToken),
            QueryKind.DayOhlcv => await _http.GetAsync(
                $"/v1/ohlcv/1m?exchange={QueryDraw.Exchange}&symbol={draw.Symbol}&order=asc&limit={QueryDraw.CandlesPerDay}&start={Iso(draw.From)}&end={Iso(draw.Until)}", cancellationToken),
            QueryKind.MultiSymbol => await _http.PostAsJsonAsync("/v1/trades/query", new
            {
                symbols = draw.Symbols.Select(symbol => $"{QueryDraw.Exchange}/{symbol}").ToArray(),
                start = Instant(draw.From),
                end = Instant(draw.Until),
                format = "json",
                limit = QueryDraw.MultiSymbolLimit,
            }, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(draw)),
        };
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var json = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
        return draw.Kind switch
        {
            QueryKind.DayOhlcv => Candles(json.RootElement.GetProperty("candles")),
            QueryKind.MultiSymbol => Items(json.RootElement.GetProperty("rows")),
            _ => Items(json.RootElement.GetProperty("trades")),
        };
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static string Trades(QueryDraw draw) => $"/v1/trades?exchange={QueryDraw.Exchange}&symbol={draw.Symbol}";

    private static string Iso(DateTimeOffset instant) => Uri.EscapeDataString(Instant(instant));

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private static QueryAnswer Items(JsonElement array) => new(array.GetArrayLength(), array.GetArrayLength());

    private static QueryAnswer Candles(JsonElement array)
    {
        var trades = 0L;
        foreach (var candle in array.EnumerateArray())
        {
            trades += candle.GetProperty("tradeCount").GetInt64();
        }

        return new QueryAnswer(array.GetArrayLength(), trades);
    }
}

using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace K2.Testing.Binance;

/// <summary>
/// <c>GET /api/v3/historicalTrades?symbol=&amp;fromId=&amp;limit=</c> over the fake server's tape, with Binance's
/// validation and error bodies, and scripted 429/418 answers carrying <c>Retry-After</c>.
/// </summary>
internal sealed class HistoricalTradesEndpoint(FakeBinanceServer server)
{
    private const int DefaultLimit = 500;
    private const int MaxLimit = 1000;
    private const string Json = "application/json";

    private readonly Lock _gate = new();
    private readonly Queue<(HttpStatusCode Status, int RetryAfterSeconds)> _throttles = new();

    public AwaitableLog<(string Symbol, long? FromId, int Limit)> Requests { get; } = new();

    public void Throttle(int count, HttpStatusCode status, int retryAfterSeconds)
    {
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                _throttles.Enqueue((status, retryAfterSeconds));
            }
        }
    }

    public async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var symbol = query["symbol"].ToString();
        var limit = query.TryGetValue("limit", out var limitText) ? int.Parse(limitText!, CultureInfo.InvariantCulture) : DefaultLimit;
        long? fromId = query.TryGetValue("fromId", out var fromText) ? long.Parse(fromText!, CultureInfo.InvariantCulture) : null;
        Requests.Add((symbol, fromId, limit));
        server.Record(FakeServerEventKind.RestRequest, 0, context.Request.QueryString.Value ?? string.Empty);

        if (TryTakeThrottle(out var throttle))
        {
            server.Record(FakeServerEventKind.RestThrottled, 0, ((int)throttle.Status).ToString(CultureInfo.InvariantCulture));
            context.Response.Headers.RetryAfter = throttle.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await WriteAsync(context, throttle.Status, "{\"code\":-1003,\"msg\":\"Too much request weight used; current limit is 6000 request weight per 1 MINUTE.\"}");
            return;
        }

        if (limit is < 1 or > MaxLimit)
        {
            await WriteAsync(context, HttpStatusCode.BadRequest, "{\"code\":-1100,\"msg\":\"Illegal characters found in parameter 'limit'.\"}");
            return;
        }

        if (server.Tape.Latest(symbol) is not { } latest)
        {
            await WriteAsync(context, HttpStatusCode.BadRequest, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
            return;
        }

        var trades = server.Tape.Range(symbol, fromId ?? (latest - limit + 1), limit);
        await WriteAsync(context, HttpStatusCode.OK, "[" + string.Join(',', trades.Select(trade => trade.ToRestJson())) + "]");
    }

    private bool TryTakeThrottle(out (HttpStatusCode Status, int RetryAfterSeconds) throttle)
    {
        lock (_gate)
        {
            return _throttles.TryDequeue(out throttle);
        }
    }

    private static async Task WriteAsync(HttpContext context, HttpStatusCode status, string body)
    {
        context.Response.StatusCode = (int)status;
        context.Response.ContentType = Json;
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(body));
    }
}

using K2.Api.Query;
using K2.Api.Query.Candles;
using K2.Api.Query.Cursors;
using K2.Api.Responses;
using K2.Contracts.Model;
using K2.Lakehouse.Reading;

namespace K2.Api.Apis;

public static class OhlcvApi
{
    public static IEndpointRouteBuilder MapOhlcvApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/ohlcv/{interval}", GetCandlesAsync)
            .WithTags("OHLCV")
            .WithName("GetOhlcv")
            .WithSummary("Open, high, low, close, volume, VWAP and trade count of one symbol in UTC-aligned buckets (1m, 5m, 15m, 1h, 1d), over hot and cold trades.")
            .Produces<CandlePageResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status504GatewayTimeout);
        return app;
    }

    internal static async Task<IResult> GetCandlesAsync(
        string interval,
        [AsParameters] HistoryQueryText query,
        HistoryRequestParser parser,
        CandleHistory history,
        QueryDeadline deadline,
        CursorCodec cursors,
        CancellationToken requestAborted) =>
        Results.Ok(await ReadCandlesAsync(interval, query, parser, history, deadline, cursors, requestAborted));

    /// <summary>The candles a request asks for; shared by REST and gRPC so both answer the same.</summary>
    public static async Task<CandlePageResponse> ReadCandlesAsync(
        string interval,
        HistoryQueryText query,
        HistoryRequestParser parser,
        CandleHistory history,
        QueryDeadline deadline,
        CursorCodec cursors,
        CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(cursors);
        var width = CandleInterval.Parse(interval);
        var table = "ohlcv-" + interval;
        var request = ContinueAfterCursor(parser.Parse(query, table), width);
        var result = await deadline.RunAsync(token => history.ReadAsync(request, width, token), requestAborted);
        var scope = new CursorScope(table, request.Symbol.Exchange, request.Symbol.Symbol, request.Descending);
        return new CandlePageResponse(
            request.Symbol.Exchange,
            request.Symbol.Symbol,
            interval,
            Orders.Name(request.Descending),
            result.ColdSnapshotId,
            result.Hot?.FlushedThroughSequence,
            result.Candles.Count,
            result.More ? cursors.Encode(scope, new HistoryKey(result.Candles[^1].BucketStartMicros, HistoryKey.NoSequence, string.Empty)) : null,
            [.. result.Candles.Select(c => CandleResponse.From(c, width))]);
    }

    /// <summary>
    /// A candle cursor holds the last bucket returned; buckets are aligned, so continuing is an exact time bound:
    /// after that bucket's end (ascending) or before its start (descending).
    /// </summary>
    private static HistoryRequest ContinueAfterCursor(HistoryRequest request, long width)
    {
        if (request.After is not { } after)
        {
            return request;
        }

        var bound = UtcMicros.FromMicros(request.Descending ? after.TimestampMicros : after.TimestampMicros + width);
        return request.Descending
            ? request with { After = null, Until = request.Until is { } until && until < bound ? until : bound }
            : request with { After = null, From = request.From is { } from && from > bound ? from : bound };
    }
}

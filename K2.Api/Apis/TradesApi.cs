using K2.Api.Query;
using K2.Api.Query.Cursors;
using K2.Api.Responses;

namespace K2.Api.Apis;

public static class TradesApi
{
    public const string Table = "trades";

    public static IEndpointRouteBuilder MapTradesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/trades", GetTradesAsync)
            .WithTags("Trades")
            .WithName("GetTrades")
            .WithSummary("One symbol's trades, hot (grain) and cold (lakehouse) merged at the grain's watermark; keyset-paginated.")
            .Produces<TradePageResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status504GatewayTimeout);
        return app;
    }

    internal static async Task<IResult> GetTradesAsync(
        [AsParameters] HistoryQueryText query,
        HistoryRequestParser parser,
        TradeHistory history,
        QueryDeadline deadline,
        CursorCodec cursors,
        CancellationToken requestAborted) =>
        Results.Ok(await ReadPageAsync(query, parser, history, deadline, cursors, requestAborted));

    /// <summary>The page a request asks for; shared by REST and gRPC so both answer the same.</summary>
    public static async Task<TradePageResponse> ReadPageAsync(
        HistoryQueryText query,
        HistoryRequestParser parser,
        TradeHistory history,
        QueryDeadline deadline,
        CursorCodec cursors,
        CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(parser);
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(cursors);
        var request = parser.Parse(query, Table);
        var result = await deadline.RunAsync(token => history.ReadAsync(request, token), requestAborted);
        var scope = new CursorScope(Table, request.Symbol.Exchange, request.Symbol.Symbol, request.Descending);
        return new TradePageResponse(
            request.Symbol.Exchange,
            request.Symbol.Symbol,
            Orders.Name(request.Descending),
            result.ColdSnapshotId,
            result.Hot?.FlushedThroughSequence,
            result.Page.Rows.Count,
            result.Page.Next is { } next ? cursors.Encode(scope, next) : null,
            [.. result.Page.Rows.Select(TradeResponse.From)]);
    }
}

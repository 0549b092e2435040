using K2.Api.Query;
using K2.Api.Query.Cursors;
using K2.Api.Responses;

namespace K2.Api.Apis;

public static class QuotesApi
{
    public const string Table = "quotes";

    public static IEndpointRouteBuilder MapQuotesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/quotes", GetQuotesAsync)
            .WithTags("Quotes")
            .WithName("GetQuotes")
            .WithSummary("One symbol's quotes, hot (grain) and cold (lakehouse) merged at the grain's quote watermark; keyset-paginated.")
            .Produces<QuotePageResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status404NotFound)
            .Produces<ApiError>(StatusCodes.Status504GatewayTimeout);
        return app;
    }

    internal static async Task<IResult> GetQuotesAsync(
        [AsParameters] HistoryQueryText query,
        HistoryRequestParser parser,
        QuoteHistory history,
        QueryDeadline deadline,
        CursorCodec cursors,
        CancellationToken requestAborted)
    {
        var request = parser.Parse(query, Table);
        var result = await deadline.RunAsync(token => history.ReadAsync(request, token), requestAborted);
        var scope = new CursorScope(Table, request.Symbol.Exchange, request.Symbol.Symbol, request.Descending);
        return Results.Ok(new QuotePageResponse(
            request.Symbol.Exchange,
            request.Symbol.Symbol,
            Orders.Name(request.Descending),
            result.ColdSnapshotId,
            result.Hot?.FlushedThroughSequence,
            result.Page.Rows.Count,
            result.Page.Next is { } next ? cursors.Encode(scope, next) : null,
            [.. result.Page.Rows.Select(QuoteResponse.From)]));
    }
}

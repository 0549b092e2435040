using System.Globalization;
using K2.Api.Query;
using K2.Api.Query.Export;

namespace K2.Api.Apis;

public static class TradeQueryApi
{
    public const string RowCountHeader = "X-K2-Row-Count";
    public const string TruncatedHeader = "X-K2-Truncated";

    public static IEndpointRouteBuilder MapTradeQueryApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/trades/query", QueryTradesAsync)
            .WithTags("Trades")
            .WithName("QueryTrades")
            .WithSummary("Trades of several symbols with a field whitelist, price/quantity bounds and a row cap, as json, csv, parquet or arrow; hot and cold merged per symbol.")
            .Accepts<TradeQueryBody>("application/json")
            .Produces(StatusCodes.Status200OK, contentType: "application/json", additionalContentTypes: ["text/csv", "application/vnd.apache.parquet", "application/vnd.apache.arrow.stream"])
            .Produces<ApiError>(StatusCodes.Status400BadRequest)
            .Produces<ApiError>(StatusCodes.Status413PayloadTooLarge)
            .Produces<ApiError>(StatusCodes.Status504GatewayTimeout);
        return app;
    }

    /// <summary>Reads under the query budget, then writes the rows; row count and truncation are headers, known before the body.</summary>
    internal static async Task QueryTradesAsync(HttpContext context, TradeQueryParser parser, TradeExport export, QueryDeadline deadline)
    {
        var requestAborted = context.RequestAborted;
        var query = await parser.ParseAsync(context.Request, requestAborted);
        var result = await deadline.RunAsync(token => export.ReadAsync(query, token), requestAborted);
        var writer = ExportWriters.For(query.Format);
        context.Response.ContentType = writer.ContentType;
        context.Response.Headers[RowCountHeader] = result.Rows.Count.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers[TruncatedHeader] = result.Truncated ? "true" : "false";
        await writer.WriteAsync(context.Response.Body, query.Columns, result.Rows, result.Truncated, requestAborted);
    }
}

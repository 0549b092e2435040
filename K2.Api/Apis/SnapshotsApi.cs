using K2.Api.Query;
using K2.Api.Responses;
using K2.Lakehouse.Tables;

namespace K2.Api.Apis;

public static class SnapshotsApi
{
    private static readonly Dictionary<string, TableIdentifier> Tables = new(StringComparer.Ordinal)
    {
        [TradesApi.Table] = MarketDataTables.Trades,
        [QuotesApi.Table] = MarketDataTables.Quotes,
    };

    public static IEndpointRouteBuilder MapSnapshotsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/snapshots", GetSnapshotsAsync)
            .WithTags("Time travel")
            .WithName("GetSnapshots")
            .WithSummary("The snapshots of market_data.trades or market_data.quotes with their summaries, newest first; use an id as asOfSnapshot.")
            .Produces<SnapshotListResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest);
        return app;
    }

    internal static async Task<IResult> GetSnapshotsAsync(string? table, ColdTables tables, QueryDeadline deadline, CancellationToken requestAborted)
    {
        if (table is null || !Tables.TryGetValue(table, out var identifier))
        {
            throw new ApiException(StatusCodes.Status400BadRequest, "invalid_table", $"table is one of {string.Join(", ", Tables.Keys)}.");
        }

        var metadata = await deadline.RunAsync(token => tables.LoadAsync(identifier, token), requestAborted);
        var snapshots = metadata?.Snapshots.OrderByDescending(s => s.SequenceNumber).Select(s => SnapshotResponse.From(s, metadata.CurrentSnapshotId)).ToList() ?? [];
        return Results.Ok(new SnapshotListResponse(table, metadata?.CurrentSnapshotId, snapshots));
    }
}

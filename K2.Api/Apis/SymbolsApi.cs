using K2.Api.Query;
using K2.Api.Query.Symbols;
using K2.Api.Responses;
using K2.Contracts.Grains;

namespace K2.Api.Apis;

public static class SymbolsApi
{
    public static IEndpointRouteBuilder MapSymbolsApi(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/symbols").WithTags("Symbols");
        v1.MapGet(string.Empty, ListSymbolsAsync)
            .WithName("ListSymbols")
            .WithSummary("The symbols K2 holds, optionally of one exchange: first and last trade time and trade count over the current snapshot and the grains' hot trades.")
            .Produces<SymbolListResponse>()
            .Produces<ApiError>(StatusCodes.Status400BadRequest);
        v1.MapGet("/{exchange}/{symbol}/integrity", GetIntegrityAsync)
            .WithName("GetSymbolIntegrity")
            .WithSummary("Sequence-integrity summary of one symbol: gaps, duplicates, late arrivals, session resets.");
        return app;
    }

    internal static async Task<IResult> ListSymbolsAsync(string? exchange, SymbolCatalogue catalogue, QueryDeadline deadline, CancellationToken requestAborted)
    {
        if (exchange is not null && !SymbolKey.IsValidPart(exchange))
        {
            return ApiError.Result(StatusCodes.Status400BadRequest, "invalid_symbol", "exchange is 1-64 characters of letters, digits, '.', '-' or '_'.");
        }

        var result = await deadline.RunAsync(token => catalogue.ReadAsync(exchange?.ToUpperInvariant(), token), requestAborted);
        return Results.Ok(new SymbolListResponse(result.ColdSnapshotId, [.. result.Symbols.Select(SymbolResponse.From)]));
    }

    internal static async Task<IResult> GetIntegrityAsync(string exchange, string symbol, IClusterClient client)
    {
        if (!SymbolKey.IsValidPart(exchange) || !SymbolKey.IsValidPart(symbol))
        {
            return ApiError.Result(
                StatusCodes.Status400BadRequest,
                "invalid_symbol",
                "exchange and symbol are 1-64 characters of letters, digits, '.', '-' or '_'.");
        }

        var key = new SymbolKey(exchange, symbol);
        var summary = await client.GetGrain<ISymbolGrain>(key.ToString()).GetIntegrityAsync();
        return summary.LastIngestAt is null
            ? ApiError.Result(StatusCodes.Status404NotFound, "unknown_symbol", $"K2 holds no data for {key}.")
            : Results.Ok(summary);
    }
}

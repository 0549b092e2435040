using K2.Api.Extensions;

namespace K2.Api.Apis;

public static class V1Api
{
    /// <summary>
    /// Every <c>/v1</c> route lives in one group, so what must hold for all of them (error bodies, rate limiting
    /// per client) cannot be forgotten on a new endpoint.
    /// </summary>
    public static RouteGroupBuilder MapV1Api(this IEndpointRouteBuilder app)
    {
        var v1 = app.MapGroup("/v1");
        v1.AddEndpointFilter<ApiExceptionFilter>();
        v1.RequireRateLimiting(SafetyExtensions.PerClientRateLimit);
        v1.MapSymbolsApi();
        v1.MapTradesApi();
        v1.MapTradeQueryApi();
        v1.MapQuotesApi();
        v1.MapOhlcvApi();
        v1.MapSnapshotsApi();
        return v1;
    }
}

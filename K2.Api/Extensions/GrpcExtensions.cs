using K2.Api.Grpc;

namespace K2.Api.Extensions;

internal static class GrpcExtensions
{
    /// <summary>The path prefix of the MarketData service; API keys and rate limits cover it as they cover <c>/v1</c>.</summary>
    public const string ServicePathPrefix = "/k2.marketdata.v1.MarketData";

    public static WebApplicationBuilder AddK2Grpc(this WebApplicationBuilder builder)
    {
        builder.Services.AddGrpc(grpc => grpc.Interceptors.Add<ApiExceptionInterceptor>());
        if (builder.Environment.IsDevelopment())
        {
            builder.Services.AddGrpcReflection();
        }

        return builder;
    }

    /// <summary>The MarketData service, rate limited per client like <c>/v1</c>; reflection (for grpcurl) only in Development.</summary>
    public static WebApplication MapK2Grpc(this WebApplication app)
    {
        app.MapGrpcService<MarketDataGrpcService>().RequireRateLimiting(SafetyExtensions.PerClientRateLimit);
        if (app.Environment.IsDevelopment())
        {
            app.MapGrpcReflectionService();
        }

        return app;
    }
}

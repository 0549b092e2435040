using System.Globalization;
using System.Threading.RateLimiting;
using K2.Api.Apis;
using K2.Api.Safety;

namespace K2.Api.Extensions;

internal static class SafetyExtensions
{
    public const string PerClientRateLimit = "per-client";
    private const string CorsPolicy = "configured-origins";

    /// <summary>API keys, body limit, per-client rate limiting and CORS, all from <c>K2:Api</c> (validated at start).</summary>
    public static WebApplicationBuilder AddK2Safety(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiOptions>()
            .Bind(builder.Configuration.GetSection(ApiOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.RateLimitWindow > TimeSpan.Zero, $"{ApiOptions.SectionName}:RateLimitWindow must be positive.")
            .Validate(o => builder.Environment.IsDevelopment() || (o.Keys.Count > 0 && o.Keys.Values.All(k => k.Length > 0)), $"{ApiOptions.SectionName}:Keys must hold at least one non-empty key outside Development.")
            .ValidateOnStart();

        var options = builder.Configuration.GetSection(ApiOptions.SectionName).Get<ApiOptions>() ?? new ApiOptions();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.AddPolicy(PerClientRateLimit, context => RateLimitPartition.GetFixedWindowLimiter(
                ApiKeyMiddleware.ClientOf(context),
                _ => new FixedWindowRateLimiterOptions { PermitLimit = options.RateLimitPermits, Window = options.RateLimitWindow, QueueLimit = 0 }));
            limiter.OnRejected = async (rejected, token) =>
            {
                var response = rejected.HttpContext.Response;
                response.StatusCode = StatusCodes.Status429TooManyRequests;
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.RateLimitWindow;
                response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await response.WriteAsJsonAsync(new ApiError("rate_limited", $"More than {options.RateLimitPermits} requests in {options.RateLimitWindow}; retry after the Retry-After seconds."), token);
            };
        });
        builder.Services.AddCors(cors => cors.AddPolicy(CorsPolicy, policy => policy.WithOrigins(options.CorsOrigins).AllowAnyHeader().WithMethods("GET", "POST").WithExposedHeaders(CorrelationIdMiddleware.HeaderName)));
        return builder;
    }

    /// <summary>Order matters: correlation id first (every answer has one), CORS, body limit, then the key check, then rate limiting.</summary>
    public static WebApplication UseK2Safety(this WebApplication app)
    {
        app.UseMiddleware<CorrelationIdMiddleware>();
        app.UseCors(CorsPolicy);
        app.UseMiddleware<RequestBodyLimitMiddleware>();
        app.UseMiddleware<ApiKeyMiddleware>();
        app.UseRateLimiter();
        return app;
    }
}

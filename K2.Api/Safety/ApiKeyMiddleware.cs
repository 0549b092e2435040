using System.Security.Cryptography;
using System.Text;
using K2.Api.Apis;
using Microsoft.Extensions.Options;

namespace K2.Api.Safety;

/// <summary>
/// Outside Development every <c>/v1</c> and gRPC MarketData request needs a known <c>X-API-Key</c>: none is a 401, an unknown one a 403.
/// It runs before rate limiting, so only authenticated clients get (and can exhaust) a rate-limit partition; in
/// Development all requests share one partition.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiOptions> options, IHostEnvironment environment)
{
    public const string HeaderName = "X-API-Key";
    public const string DevelopmentClient = "development";
    private const string ClientItem = "k2.api.client";

    /// <summary>The REST routes and the gRPC MarketData service; health, OpenAPI and the reference page stay open.</summary>
    private static readonly string[] ProtectedPrefixes = ["/v1", Extensions.GrpcExtensions.ServicePathPrefix];

    private readonly (string Name, byte[] Hash)[] _keys = [.. options.Value.Keys.Select(k => (k.Key, Hash(k.Value)))];

    /// <summary>The authenticated client name of a request (the rate-limit partition).</summary>
    public static string ClientOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[ClientItem] as string ?? DevelopmentClient;
    }

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (environment.IsDevelopment() || !ProtectedPrefixes.Any(prefix => context.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        if (!context.Request.Headers.TryGetValue(HeaderName, out var presented) || string.IsNullOrEmpty(presented))
        {
            return Refuse(context, StatusCodes.Status401Unauthorized, "missing_api_key", $"Send your API key in the {HeaderName} header.");
        }

        // Compare hashes in constant time so neither the length nor a prefix of a key leaks through timing.
        var hash = Hash(presented.ToString());
        var client = _keys.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(k.Hash, hash)).Name;
        if (client is null)
        {
            return Refuse(context, StatusCodes.Status403Forbidden, "invalid_api_key", $"The {HeaderName} is not a key of this API.");
        }

        context.Items[ClientItem] = client;
        return next(context);
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    private static Task Refuse(HttpContext context, int status, string error, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ApiError(error, message));
    }
}

using K2.Api.Apis;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace K2.Api.Safety;

/// <summary>
/// Bodies above <see cref="ApiOptions.MaxRequestBodyBytes"/> are a 413 with the standard error body. A declared
/// <c>Content-Length</c> is refused before anything is read; a chunked body is capped by the server's own limit
/// (Kestrel's <see cref="IHttpMaxRequestBodySizeFeature"/>, set here to the same value), which fails the read.
/// </summary>
public sealed class RequestBodyLimitMiddleware(RequestDelegate next, IOptions<ApiOptions> options)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var limit = options.Value.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return context.Response.WriteAsJsonAsync(new ApiError("body_too_large", $"Request bodies are limited to {limit} bytes."));
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } server)
        {
            server.MaxRequestBodySize = limit;
        }

        return next(context);
    }
}

using K2.Api.Apis;
using K2.Api.Query;
using Microsoft.AspNetCore.Diagnostics;
using Scalar.AspNetCore;

namespace K2.Api.Extensions;

internal static class ApplicationServicesExtensions
{
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>
    /// Failures become the standard error body, never a stack trace: an <see cref="ApiException"/> carries its own
    /// status and code (bad parameters, unknown snapshot, query timeout), a request the server itself refused keeps
    /// its 4xx; anything else is a 500.
    /// </summary>
    public static WebApplication UseK2ErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error switch
            {
                ApiException known => (known.StatusCode, Body: new ApiError(known.Error, known.Message)),

                // The server's own request limits fail a read inside the endpoint: a chunked body past the body-size
                // limit is a 413 (found by chaos/api-abuse.sh, it was a 500), a malformed request a 400.
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => (
                    StatusCodes.Status413PayloadTooLarge, Body: new ApiError("body_too_large", "The request body is larger than this API accepts.")),
                BadHttpRequestException bad => (bad.StatusCode, Body: new ApiError("bad_request", bad.Message)),
                _ => (StatusCodes.Status500InternalServerError, Body: new ApiError("internal_error", "The request failed; see the server log for its trace id.")),
            };
            context.Response.StatusCode = error.Item1;
            return context.Response.WriteAsJsonAsync(error.Body);
        }));
        return app;
    }

    /// <summary>
    /// The OpenAPI document (<c>/openapi/v1.json</c>) and the interactive reference page (<c>/scalar/v1</c>). They
    /// describe the API, hold no data, and sit outside <c>/v1</c>, so they need no key.
    /// </summary>
    public static WebApplication MapK2ApiReference(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}

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
    /// status and code (bad parameters, unknown snapshot, query timeout); anything else is a 500.
    /// </summary>
    public static WebApplication UseK2ErrorHandling(this WebApplication app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(context =>
        {
            var error = context.Features.Get<IExceptionHandlerFeature>()?.Error is ApiException known
                ? (known.StatusCode, Body: new ApiError(known.Error, known.Message))
                : (StatusCodes.Status500InternalServerError, Body: new ApiError("internal_error", "The request failed; see the server log for its trace id."));
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

using K2.Api.Apis;
using K2.Api.Query;
using Microsoft.AspNetCore.Diagnostics;

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
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
        }

        return app;
    }
}

using K2.Api.Query;

namespace K2.Api.Apis;

/// <summary>
/// Turns an <see cref="ApiException"/> (a bad parameter, an unknown snapshot, a query timeout) into the standard
/// error body right at the endpoint, so expected client errors are not logged as unhandled server failures.
/// </summary>
internal sealed class ApiExceptionFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (ApiException exception)
        {
            return ApiError.Result(exception.StatusCode, exception.Error, exception.Message);
        }
    }
}

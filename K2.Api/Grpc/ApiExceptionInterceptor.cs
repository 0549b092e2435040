using Grpc.Core;
using Grpc.Core.Interceptors;
using K2.Api.Query;

namespace K2.Api.Grpc;

/// <summary>
/// An <see cref="ApiException"/> becomes the matching gRPC status; the REST error code travels in the <c>error</c>
/// trailer and leads the status detail, so clients can branch on the same codes as over REST.
/// </summary>
internal sealed class ApiExceptionInterceptor : Interceptor
{
    public const string ErrorTrailer = "error";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (ApiException exception)
        {
            throw ToRpc(exception);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (ApiException exception)
        {
            throw ToRpc(exception);
        }
    }

    private static RpcException ToRpc(ApiException exception)
    {
        var code = exception.StatusCode switch
        {
            StatusCodes.Status400BadRequest => StatusCode.InvalidArgument,
            StatusCodes.Status404NotFound => StatusCode.NotFound,
            StatusCodes.Status409Conflict => StatusCode.Aborted,
            StatusCodes.Status429TooManyRequests => StatusCode.ResourceExhausted,
            StatusCodes.Status503ServiceUnavailable => StatusCode.Unavailable,
            StatusCodes.Status504GatewayTimeout => StatusCode.DeadlineExceeded,
            _ => StatusCode.Internal,
        };
        return new RpcException(new Status(code, $"{exception.Error}: {exception.Message}"), new Metadata { { ErrorTrailer, exception.Error } });
    }
}

namespace K2.Api.Apis;

/// <summary>The one error body every K2 endpoint returns: a stable machine code and a human message.</summary>
public sealed record ApiError(string Error, string Message)
{
    public static IResult Result(int statusCode, string error, string message) =>
        Results.Json(new ApiError(error, message), statusCode: statusCode);
}

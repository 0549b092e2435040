namespace K2.Api.Query;

/// <summary>
/// A failure with a client-facing answer (status, stable error code, message), thrown where it is detected deep in
/// a query and turned into the standard error body by the API's exception handler.
/// </summary>
public sealed class ApiException(int statusCode, string error, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Error { get; } = error;

    public static ApiException Timeout(TimeSpan budget) =>
        new(StatusCodes.Status504GatewayTimeout, "query_timeout", $"The query did not finish within {budget.TotalSeconds:0.###} s; narrow the time range or lower the limit.");
}

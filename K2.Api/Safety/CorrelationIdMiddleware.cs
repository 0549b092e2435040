namespace K2.Api.Safety;

/// <summary>
/// Every response carries <c>X-Correlation-ID</c>: the caller's own when it sends a sane one (so its logs and ours
/// line up), else a new one. It is also a logging scope, so every log line of the request carries it.
/// </summary>
public sealed class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string HeaderName = "X-Correlation-ID";
    private const int MaxLength = 64;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var presented = context.Request.Headers[HeaderName].ToString();
        var id = IsSane(presented) ? presented : Guid.NewGuid().ToString("N");
        context.Response.Headers[HeaderName] = id;
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
        {
            await next(context);
        }
    }

    // Echoed into a response header and logs: only short, plain tokens, never header or log injection.
    private static bool IsSane(string value) =>
        value.Length is > 0 and <= MaxLength && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');
}

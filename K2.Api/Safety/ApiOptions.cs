using System.ComponentModel.DataAnnotations;

namespace K2.Api.Safety;

/// <summary>Access and abuse limits of the HTTP API. Bound from <c>K2:Api</c>.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "K2:Api";

    /// <summary>
    /// API keys by client name (<c>K2:Api:Keys:&lt;name&gt; = &lt;secret&gt;</c>). Required in <c>X-API-Key</c> on every
    /// <c>/v1</c> route outside Development; the name is the rate-limit partition and appears in logs, the secret never.
    /// </summary>
    public Dictionary<string, string> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Largest request body accepted; a larger one is a 413.</summary>
    [Range(1, long.MaxValue)]
    public long MaxRequestBodyBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>Requests per client key per <see cref="RateLimitWindow"/> on <c>/v1</c>; beyond it a 429 with <c>Retry-After</c>.</summary>
    [Range(1, int.MaxValue)]
    public int RateLimitPermits { get; set; } = 600;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Origins allowed to call the API from a browser; empty allows none (no CORS headers).</summary>
    public string[] CorsOrigins { get; set; } = [];
}

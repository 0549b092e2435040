using System.Globalization;

namespace K2.ApiAbuse;

/// <summary>The size of the run; every value can be set on the command line as <c>--name value</c>.</summary>
internal sealed record AbuseRunOptions
{
    public required string ApiDll { get; init; }

    public int Port { get; init; } = 5390;

    /// <summary>Requests in flight at once, across all classes.</summary>
    public int Concurrency { get; init; } = 16;

    public int RequestsPerClass { get; init; } = 400;

    public int OversizedRequests { get; init; } = 40;

    public int SlowRequests { get; init; } = 30;

    /// <summary>Several times the per-key permits, so most of the burst must be refused.</summary>
    public int BurstRequests { get; init; } = 2_000;

    /// <summary>Per key per window; each class has its own key, so only the burst goes past it.</summary>
    public int RateLimitPermits { get; init; } = 500;

    public long OversizedBodyBytes { get; init; } = 11L * 1024 * 1024;

    /// <summary>
    /// The API's query budget: a slow query ends with a 504 at this bound instead of running on. Generous, because
    /// the run shares a loaded CPU and small valid queries must still finish inside it.
    /// </summary>
    public TimeSpan QueryTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public int SeededTrades { get; init; } = 300_000;

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(3);

    public static AbuseRunOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : fallback;
        var defaults = new AbuseRunOptions { ApiDll = values.GetValueOrDefault("api-dll") ?? throw new ArgumentException("--api-dll <path to K2.Api.dll> is required") };
        return defaults with
        {
            Port = Int("port", defaults.Port),
            Concurrency = Int("concurrency", defaults.Concurrency),
            RequestsPerClass = Int("requests-per-class", defaults.RequestsPerClass),
            BurstRequests = Int("burst", defaults.BurstRequests),
            SeededTrades = Int("seeded-trades", defaults.SeededTrades),
        };
    }
}

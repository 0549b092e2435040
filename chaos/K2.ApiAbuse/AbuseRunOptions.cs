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

    /// <summary>Live trades per second produced through K2's publisher before, during and after the attack.</summary>
    public int IngestRate { get; init; } = 1_000;

    /// <summary>
    /// Symbols the live trades are spread over (Zipf-skewed, as in the ingest benchmark). Enough that the busiest
    /// symbol's partition stays well inside what the local broker keeps (it drops a partition's oldest records past
    /// 5 MiB) for as long as the consumer may lag behind on a loaded machine.
    /// </summary>
    public int IngestSymbols { get; init; } = 8;

    /// <summary>How long ingest is measured before the attack starts.</summary>
    public TimeSpan BaselineWindow { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>How long ingest is measured after the attack has ended.</summary>
    public TimeSpan AfterWindow { get; init; } = TimeSpan.FromSeconds(25);

    /// <summary>One probe trade per interval; its publish-to-visible times are the freshness figures.</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Pause between the API freshness poller's requests. The poller has a key of its own and must stay under the
    /// per-key rate limit (<see cref="RateLimitPermits"/> a minute) for the whole run, so it cannot ask as often as
    /// the grain poller; this pause is the resolution of the API-visible figure.
    /// </summary>
    public TimeSpan ApiProbePause { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Pause between direct grain reads of the probe symbol (in-process, no rate limit).</summary>
    public TimeSpan GrainProbePause { get; init; } = TimeSpan.FromMilliseconds(5);

    /// <summary>How often the trades table's current snapshot is read for committed freshness; its resolution.</summary>
    public TimeSpan CommittedPollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How often the API's and this process's resident memory are sampled.</summary>
    public TimeSpan MemorySampleInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>After the feed stops: how long every probe and every produced trade may take to reach the table.</summary>
    public TimeSpan SettleTimeout { get; init; } = TimeSpan.FromMinutes(2);

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
            IngestRate = Int("ingest-rate", defaults.IngestRate),
            IngestSymbols = Int("ingest-symbols", defaults.IngestSymbols),
            BaselineWindow = TimeSpan.FromSeconds(Int("baseline-seconds", (int)defaults.BaselineWindow.TotalSeconds)),
            AfterWindow = TimeSpan.FromSeconds(Int("after-seconds", (int)defaults.AfterWindow.TotalSeconds)),
        };
    }
}

using System.Globalization;

namespace K2.QueryBench;

/// <summary>
/// The system under test: a real <c>K2.Silo</c> (hosting the symbol grains the API asks for hot data) and a real
/// <c>K2.Api</c> on loopback, each its own process, in one Orleans cluster through the benchmark's PostgreSQL. The silo
/// has no Kafka and no warehouse: it ingests nothing and runs no table maintenance, so the table stays exactly the one
/// the DuckDB baseline reads (a compaction mid-run would change the files under one side only).
/// </summary>
internal sealed class K2Services : IAsyncDisposable
{
    private readonly ServiceProcess _silo;
    private readonly ServiceProcess _api;

    private K2Services(ServiceProcess silo, ServiceProcess api, string apiKey)
    {
        _silo = silo;
        _api = api;
        ApiKey = apiKey;
    }

    public Uri Api => _api.BaseAddress;

    /// <summary>The API key the load generator sends (keys are required outside Development, as in production).</summary>
    public string ApiKey { get; }

    public int ApiPid => _api.Pid;

    /// <summary>The API's DuckDB memory limit (K2:Query), which the baseline copies with its threads (<c>--duckdb-threads</c>).</summary>
    public const string DuckDbMemoryLimit = "4GB";

    public static async Task<K2Services> StartAsync(QueryBenchOptions options, string warehouse, string logDirectory)
    {
        var apiKey = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var cluster = "k2-querybench-" + Guid.NewGuid().ToString("N")[..8];
        var common = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__k2db"] = options.Postgres,
            ["Orleans__ClusterId"] = cluster,
            ["Orleans__ServiceId"] = cluster,
        };
        var silo = await ServiceProcess.StartAsync("silo", ServiceProcess.Binary(options.RepositoryRoot, "K2.Silo"), new Dictionary<string, string>(common)
        {
            ["Orleans__SiloPort"] = ServiceProcess.FreePort().ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = ServiceProcess.FreePort().ToString(CultureInfo.InvariantCulture),
        }, logDirectory);
        try
        {
            var api = await ServiceProcess.StartAsync("api", ServiceProcess.Binary(options.RepositoryRoot, "K2.Api"), new Dictionary<string, string>(common)
            {
                ["K2__Lakehouse__WarehousePath"] = warehouse,
                ["K2__Query__Threads"] = options.DuckDbThreads.ToString(CultureInfo.InvariantCulture),
                ["K2__Query__MemoryLimit"] = DuckDbMemoryLimit,
                ["K2__Query__MaxConnections"] = options.ApiDuckDbConnections.ToString(CultureInfo.InvariantCulture),
                ["K2__Query__FileDataCache"] = options.DuckDbFileCache ? "true" : "false",
                // A load generator from one address is one client: lift the per-client limit (600 a minute by default).
                ["K2__Api__Keys__querybench"] = apiKey,
                ["K2__Api__RateLimitPermits"] = int.MaxValue.ToString(CultureInfo.InvariantCulture),
            }, logDirectory);
            return new K2Services(silo, api, apiKey);
        }
        catch
        {
            await silo.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _api.DisposeAsync();
        await _silo.DisposeAsync();
    }
}

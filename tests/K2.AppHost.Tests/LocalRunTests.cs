using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace K2.AppHost.Tests;

/// <summary>
/// Starts the real AppHost — PostgreSQL from local binaries, the silo and the API as processes — and talks to the
/// API over HTTP, the way <c>dotnet run --project K2.AppHost</c> runs on a developer's machine.
/// </summary>
public sealed class LocalRunTests : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(3);
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "k2-apphost-test-" + Guid.NewGuid().ToString("N")[..8]);
    private DistributedApplication? _app;

    public async Task InitializeAsync()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.K2_AppHost>(
        [
            $"K2:LocalPostgres:DataDirectory={_dataDirectory}",
            $"K2:LocalPostgres:Port={FreePort()}",
            $"K2:LocalWarehouse:Path={_dataDirectory}-warehouse",
            $"K2:LocalAsxSample:MarkerFile={_dataDirectory}-asx-sample.loaded",
        ]);
        _app = await builder.BuildAsync();
        using var timeout = new CancellationTokenSource(StartTimeout);
        await _app.StartAsync(timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("api", timeout.Token);
        await _app.ResourceNotifications.WaitForResourceHealthyAsync("ingestion", timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        foreach (var directory in new[] { _dataDirectory, _dataDirectory + "-warehouse" })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        File.Delete(_dataDirectory + "-asx-sample.loaded");
    }

    [Fact]
    public async Task The_local_run_brings_up_postgres_kafka_the_silo_the_feeds_and_a_healthy_api()
    {
        using var api = _app!.CreateHttpClient("api");

        using var health = await api.GetAsync(new Uri("/health", UriKind.Relative));
        using var unknown = await api.GetAsync(new Uri("/v1/symbols/BINANCE/NEVERSEEN/integrity", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var error = JsonDocument.Parse(await unknown.Content.ReadAsStringAsync());
        Assert.Equal("unknown_symbol", error.RootElement.GetProperty("error").GetString());
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "PG_VERSION")), "PostgreSQL was initialised into the configured data folder");

        // No Kafka cluster configured: the silo consumes the in-memory broker with the fetch wait it needs.
        var silo = _app!.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == "silo");
        var siloEnvironment = new EnvironmentCallbackContext(_app.Services.GetRequiredService<DistributedApplicationExecutionContext>());
        foreach (var callback in silo.Annotations.OfType<EnvironmentCallbackAnnotation>())
        {
            await callback.Callback(siloEnvironment);
        }

        Assert.Equal("5", siloEnvironment.EnvironmentVariables["K2__Kafka__Consumer__FetchWaitMaxMs"]);

        // First run: the ingestion process publishes the bundled ASX sample and every trade reaches its symbol grain.
        foreach (var (symbol, trades) in AsxSampleTrades())
        {
            await WaitForAcceptedAsync(api, symbol, trades);
        }

        Assert.True(File.Exists(_dataDirectory + "-asx-sample.loaded"), "the sample load was marked done");

        // ... and the silo flushed them to Iceberg: the current snapshot holds every sample trade, and a cold-only read
        // of that snapshot (time travel, no hot data) returns a symbol's trades.
        var snapshot = await WaitForCommittedAsync(api, AsxSampleTrades().Values.Sum());
        var mwr = await GetJsonAsync(api, $"/v1/trades?exchange=ASX&symbol=MWR&order=asc&asOfSnapshot={snapshot}");
        Assert.Equal(AsxSampleTrades()["MWR"], mwr.GetProperty("trades").GetArrayLength());
        Assert.Equal(snapshot, mwr.GetProperty("coldSnapshotId").GetInt64());
    }

    /// <summary>Waits until the trades table's current snapshot holds at least <paramref name="rows"/>; returns its id.</summary>
    private static async Task<long> WaitForCommittedAsync(HttpClient api, long rows)
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        long total = 0;
        while (!deadline.IsCancellationRequested)
        {
            var list = await GetJsonAsync(api, "/v1/snapshots?table=trades");
            if (list.GetProperty("currentSnapshotId").ValueKind == JsonValueKind.Number)
            {
                var current = list.GetProperty("snapshots").EnumerateArray().Single(s => s.GetProperty("current").GetBoolean());
                total = long.Parse(current.GetProperty("summary").GetProperty("total-records").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
                if (total >= rows)
                {
                    return current.GetProperty("snapshotId").GetInt64();
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        Assert.Fail($"the trades table holds {total} rows, expected at least {rows}");
        return 0;
    }

    private static async Task<JsonElement> GetJsonAsync(HttpClient api, string path)
    {
        using var response = await api.GetAsync(new Uri(path, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Trades per symbol in data/asx-sample, counted from the files: one per non-blank line.</summary>
    private static Dictionary<string, int> AsxSampleTrades()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "K2.Orleans.sln")))
        {
            root = root.Parent ?? throw new InvalidOperationException("K2.Orleans.sln not found above the test binaries.");
        }

        var sample = Path.Combine(root.FullName, "data", "asx-sample");
        var symbols = File.ReadLines(Path.Combine(sample, "reference-data", "company_info.csv")).Skip(1)
            .Select(line => line.Split(','))
            .ToDictionary(fields => fields[0], fields => fields[1], StringComparer.Ordinal);
        return Directory.EnumerateFiles(Path.Combine(sample, "trades"), "*.csv").ToDictionary(
            file => symbols[Path.GetFileNameWithoutExtension(file)],
            file => File.ReadLines(file).Count(line => !string.IsNullOrWhiteSpace(line)),
            StringComparer.Ordinal);
    }

    private static async Task WaitForAcceptedAsync(HttpClient api, string symbol, int expected)
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        long accepted = 0;
        while (!deadline.IsCancellationRequested)
        {
            using var response = await api.GetAsync(new Uri($"/v1/symbols/ASX/{symbol}/integrity", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK)
            {
                using var summary = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                accepted = summary.RootElement.GetProperty("accepted").GetInt64();
                if (accepted >= expected)
                {
                    break;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        Assert.Equal((symbol, (long)expected), (symbol, accepted));
    }

    [Fact]
    public async Task The_history_routes_of_the_readme_answer_in_the_local_run()
    {
        using var api = _app!.CreateHttpClient("api");

        foreach (var path in new[]
        {
            "/v1/symbols",
            "/v1/trades?exchange=BINANCE&symbol=BTCUSDT&limit=5",
            "/v1/ohlcv/1m?exchange=BINANCE&symbol=BTCUSDT&limit=10",
            "/v1/quotes?exchange=ASX&symbol=BHP&limit=5",
            "/v1/snapshots?table=trades",
        })
        {
            using var response = await api.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        using var query = new StringContent("{\"symbols\":[\"BINANCE/BTCUSDT\"],\"fields\":[\"timestamp\",\"price\",\"quantity\"],\"format\":\"csv\",\"limit\":100}", System.Text.Encoding.UTF8, "application/json");
        using var csv = await api.PostAsync(new Uri("/v1/trades/query", UriKind.Relative), query);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("timestamp,price,quantity", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

using System.Diagnostics;
using System.Globalization;
using System.Text;
using K2.ApiAbuse;
using K2.ApiAbuse.Ingest;
using K2.Bench;

// chaos/api-abuse.sh runs this: dotnet K2.ApiAbuse.dll --api-dll <K2.Api.dll> [--concurrency 16] [--requests-per-class 400] ...
var run = AbuseRunOptions.Parse(args);
var keys = AbuseClasses.KeyNames.ToDictionary(name => name, name => $"{name}-{Guid.NewGuid():N}");
// The API freshness poller's own key: its requests neither use up nor share another class's rate-limit partition.
const string ProbeKeyName = "ingestprobe";
keys[ProbeKeyName] = $"{ProbeKeyName}-{Guid.NewGuid():N}";

await using var backend = new AbuseBackend();
Console.WriteLine($"starting PostgreSQL, the local Kafka broker, a silo consuming it and a lakehouse of {run.SeededTrades:N0} trades");
await backend.StartAsync(run.SeededTrades);

var settings = new Dictionary<string, string>(backend.ApiSettings())
{
    ["K2__Api__RateLimitPermits"] = run.RateLimitPermits.ToString(CultureInfo.InvariantCulture),
    ["K2__Query__QueryTimeout"] = run.QueryTimeout.ToString("c", CultureInfo.InvariantCulture),
};
foreach (var (name, key) in keys)
{
    settings[$"K2__Api__Keys__{name}"] = key;
}

Console.WriteLine($"starting {run.ApiDll} (Production, API keys required) on port {run.Port}");
await using var api = await ApiProcess.StartAsync(run.ApiDll, run.Port, settings, run.StartTimeout);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = run.Concurrency }) { BaseAddress = api.Address, Timeout = TimeSpan.FromMinutes(2) };

// One round of valid queries first, so "before" is the memory of a warmed-up API, not of one that has served nothing.
var classes = AbuseClasses.All(run, keys);
await new LoadDriver(http, run.Concurrency).RunAsync([classes[0] with { Count = classes[0].Requests.Count }]);
var before = api.ResidentMiB();

// Live ingest behind the API: measured before the attack, during it and after it.
await using var ingest = new LiveIngest(backend, run, api, keys[ProbeKeyName]);
Console.WriteLine($"live feed: {run.IngestRate:N0} trades/s over {run.IngestSymbols} symbols, a probe every {run.ProbeInterval.TotalMilliseconds:N0} ms; load average {LoadAverage.Read()}");
ingest.Start();
if (!await ingest.WarmUpAsync())
{
    Console.WriteLine($"no probe reached a committed snapshot within {run.SettleTimeout}: the silo is not ingesting");
    return 1;
}

var baselineStart = await ingest.MarkAsync();
await Task.Delay(run.BaselineWindow);
var attackStart = await ingest.MarkAsync();
var loadAtAttack = LoadAverage.Read();
Console.WriteLine($"attack: {classes.Sum(c => c.Count):N0} requests at concurrency {run.Concurrency}; load average {loadAtAttack}");

var clock = Stopwatch.StartNew();
var counts = await new LoadDriver(http, run.Concurrency).RunAsync(classes);
clock.Stop();
var attackEnd = await ingest.MarkAsync();
var loadAfterAttack = LoadAverage.Read();
var after = api.ResidentMiB();
await Task.Delay(run.AfterWindow);
var afterEnd = await ingest.MarkAsync();
var settled = api.ResidentMiB();
var loadAtEnd = LoadAverage.Read();

Console.WriteLine("feed stopped; waiting for every probe and every trade to reach the table");
var caughtUp = await ingest.StopAndSettleAsync(run.SeededTrades);
IReadOnlyList<WindowFigures> windows =
[
    ingest.Figures("before the attack", baselineStart, attackStart),
    ingest.Figures("during the attack", attackStart, attackEnd),
    ingest.Figures("after the attack", attackEnd, afterEnd),
];
var reconciliation = await IngestReconciliation.CountAsync(backend.Lakehouse, ingest.ProducedPerSymbol());

var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"| class | requests | statuses | expected | unexpected |");
report.AppendLine("|---|---:|---|---|---:|");
var unexpectedTotal = 0;
var serverErrors = 0;
foreach (var abuse in classes)
{
    var byStatus = counts[abuse.Name].OrderBy(kv => kv.Key).ToList();
    var unexpected = byStatus.Where(kv => !abuse.Expected.Contains(kv.Key)).Sum(kv => kv.Value);
    unexpectedTotal += unexpected;
    serverErrors += byStatus.Where(kv => kv.Key == 500).Sum(kv => kv.Value);
    report.AppendLine(CultureInfo.InvariantCulture,
        $"| {abuse.Name} | {byStatus.Sum(kv => kv.Value)} | {string.Join(", ", byStatus.Select(kv => $"{kv.Key}×{kv.Value}"))} | {string.Join("/", abuse.Expected.Order())} | {unexpected} |");
}

report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"requests: {counts.Values.Sum(c => c.Values.Sum())} in {clock.Elapsed.TotalSeconds:F0} s at concurrency {run.Concurrency}; 500s: {serverErrors}; unexpected statuses: {unexpectedTotal}");
report.AppendLine(CultureInfo.InvariantCulture, $"API resident memory: {before:F0} MiB before, {after:F0} MiB right after, {settled:F0} MiB {run.AfterWindow.TotalSeconds:N0} s later");
report.AppendLine();
report.AppendLine(IngestReport.Markdown(windows, reconciliation, caughtUp, ingest.FailedApiPolls));
report.AppendLine(CultureInfo.InvariantCulture, $"load average (1/5/15 min): {loadAtAttack} as the attack started, {loadAfterAttack} as it ended, {loadAtEnd} after the last window; {Environment.ProcessorCount} cores");
Console.WriteLine(report);

var errors = api.Log().Split('\n').Where(line => line.Contains("fail:", StringComparison.Ordinal) || line.Contains("Unhandled", StringComparison.Ordinal)).Take(20).ToList();
Console.WriteLine(errors.Count == 0 ? "API log: no failures or unhandled exceptions" : "API log failures:\n" + string.Join('\n', errors));
return serverErrors == 0 && unexpectedTotal == 0 && reconciliation.All(c => c.ExactlyOnce) ? 0 : 1;

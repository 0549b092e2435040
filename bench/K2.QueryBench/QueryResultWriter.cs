using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace K2.QueryBench;

/// <summary>The machine a run measured on and how busy it was, so numbers from a loaded machine are recognisable.</summary>
internal sealed record MachineFacts(int Cores, double MemoryGiB, string Runtime, string LoadAverageAtStart, string LoadAverageAtEnd)
{
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static MachineFacts Now(string loadAtStart) => new(
        Environment.ProcessorCount,
        Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024, 1),
        RuntimeInformation.FrameworkDescription,
        loadAtStart,
        LoadAverage());
}

/// <summary>Writes the run as JSON (for machines) and a Markdown table (for docs/benchmarks.md), like the ingest bench.</summary>
internal static class QueryResultWriter
{
    // A query with no completed request has NaN percentiles; they are written as "NaN", not lost to an exception.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>p99 targets of issue 8 (ms), where it sets one.</summary>
    private static readonly Dictionary<QueryKind, double> P99Targets = new()
    {
        [QueryKind.Latest100] = 10,
        [QueryKind.MinuteRange] = 25,
        [QueryKind.DayOhlcv] = 60,
    };

    private const double RatioTarget = 1.5;

    public static async Task WriteAsync(QueryBenchOptions options, QueryRun run, TextWriter log)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var json = Path.Combine(options.OutputDirectory, $"query-{stamp}.json");
        var markdown = Path.Combine(options.OutputDirectory, $"query-{stamp}.md");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
        {
            parameters = new
            {
                options.Trades,
                options.Symbols,
                options.Days,
                options.FlushTrades,
                options.RowGroupRows,
                options.Seed,
                options.Concurrency,
                options.DuckDbThreads,
                duckdb_connections = options.ApiDuckDbConnections,
                duckdb_file_cache = options.DuckDbFileCache,
                warmup_s = options.WarmUp.TotalSeconds,
                duration_s = options.Duration.TotalSeconds,
                options.Quick,
            },
            machine = run.Machine,
            table = new
            {
                run.TableReused,
                generation_s = run.TableElapsed.TotalSeconds,
                run.Facts.Rows,
                run.Facts.Snapshots,
                data_files = run.Facts.CurrentFiles.Count,
                run.Facts.DataBytes,
                as_of = run.Facts.AsOf,
                as_of_snapshot = run.Facts.AsOfSnapshotId,
                as_of_files = run.Facts.AsOfFiles.Count,
            },
            verified_alike = run.Mismatches.Count == 0,
            run.Mismatches,
            queries = run.Results.GroupBy(r => r.Kind).Select(group => new
            {
                query = group.Key.ToString(),
                p99_target_ms = P99Targets.TryGetValue(group.Key, out var target) ? target : (double?)null,
                api_over_duckdb_p50 = Ratio(group, r => r.P50),
                api_over_duckdb_p99 = Ratio(group, r => r.P99),
                targets = group.Select(r => new
                {
                    target = r.Target,
                    r.Latency.Requests,
                    requests_per_s = r.Latency.PerSecond,
                    p50_ms = r.Latency.P50,
                    p90_ms = r.Latency.P90,
                    p99_ms = r.Latency.P99,
                    max_ms = r.Latency.Max,
                    r.Errors,
                    error_samples = r.ErrorSamples,
                }),
            }),
        }, Json));
        var table = Markdown(options, run);
        await File.WriteAllTextAsync(markdown, table);
        await log.WriteLineAsync(table);
        await log.WriteLineAsync($"results: {json}, {markdown}");
    }

    private static double? Ratio(IEnumerable<LoopResult> results, Func<LatencySummary, double> pick)
    {
        var api = results.FirstOrDefault(r => r.Target != "DuckDB direct");
        var duck = results.FirstOrDefault(r => r.Target == "DuckDB direct");
        return api is null || duck is null || pick(duck.Latency) is not > 0 ? null : pick(api.Latency) / pick(duck.Latency);
    }

    private static string Markdown(QueryBenchOptions o, QueryRun run)
    {
        var s = new StringBuilder();
        var f = run.Facts;
        s.AppendLine(CultureInfo.InvariantCulture,
            $"{f.Rows:N0} trades, {o.Symbols} symbols (Zipf), {o.Days} days, {f.Snapshots} snapshots, {f.CurrentFiles.Count} files ({f.DataBytes / 1024.0 / 1024:N0} MiB, {(double)f.DataBytes / f.Rows:N1} B per trade), row groups of {o.RowGroupRows:N0} rows, table {(run.TableReused ? "reused from the cache" : $"generated in {run.TableElapsed.TotalSeconds:N0} s")}; " +
            $"concurrency {o.Concurrency}, DuckDB threads per connection {o.DuckDbThreads}, API DuckDB connections {o.ApiDuckDbConnections}, DuckDB file cache {(o.DuckDbFileCache ? "on" : "off")}, {o.WarmUp.TotalSeconds:N0} s warm-up + {o.Duration.TotalSeconds:N0} s per query and target; " +
            $"{run.Machine.Cores} cores, {run.Machine.MemoryGiB:N0} GiB, {run.Machine.Runtime}; load average {run.Machine.LoadAverageAtStart} at start, {run.Machine.LoadAverageAtEnd} at end; " +
            $"API and DuckDB answers alike: {(run.Mismatches.Count == 0 ? "yes" : "NO")}");
        s.AppendLine();
        s.AppendLine("| query | target | requests | req/s | p50 ms | p90 ms | p99 ms | max ms | errors | p99 target | API/DuckDB p50 | API/DuckDB p99 |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var group in run.Results.GroupBy(r => r.Kind))
        {
            foreach (var r in group)
            {
                var api = r.Target != "DuckDB direct";
                var target = api && P99Targets.TryGetValue(r.Kind, out var ms) ? $"≤ {ms:N0}" : "";
                var p50 = api ? Format(Ratio(group, l => l.P50)) : "";
                var p99 = api ? Format(Ratio(group, l => l.P99)) : "";
                var l = r.Latency;
                s.AppendLine(CultureInfo.InvariantCulture,
                    $"| {r.Kind} | {r.Target} | {l.Requests:N0} | {l.PerSecond:N1} | {l.P50:N1} | {l.P90:N1} | {l.P99:N1} | {l.Max:N1} | {r.Errors} | {target} | {p50} | {p99} |");
            }
        }

        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Targets (issue 8): the p99s above, and the API within {RatioTarget}× of direct DuckDB.");
        foreach (var error in run.Results.SelectMany(r => r.ErrorSamples.Select(e => $"{r.Target}: {e}")).Concat(run.Mismatches))
        {
            s.AppendLine(CultureInfo.InvariantCulture, $"- {error}");
        }

        return s.ToString();
    }

    private static string Format(double? ratio) => ratio is { } r ? r.ToString("N2", CultureInfo.InvariantCulture) + "×" : "";
}

internal sealed record QueryRun(MachineFacts Machine, bool TableReused, TimeSpan TableElapsed, TableFacts Facts, IReadOnlyList<string> Mismatches, IReadOnlyList<LoopResult> Results);

using K2.QueryBench;

// Query latency benchmark; bench/run-query.sh runs it against a throwaway PostgreSQL.
var loadAtStart = MachineFacts.LoadAverage();
var options = QueryBenchOptions.Parse(args);
var (warehouse, reused, generation) = await TradeTable.EnsureAsync(options, Console.Out);
var facts = await TableFacts.ReadAsync(options, warehouse);
Console.WriteLine($"table: {facts.Rows:N0} rows in {facts.CurrentFiles.Count} files, {facts.Snapshots} snapshots ({(reused ? "reused from the cache" : $"generated in {generation.TotalSeconds:N0} s")})");

var logs = Directory.CreateTempSubdirectory("k2-querybench-logs-").FullName;
await using var services = await K2Services.StartAsync(options, warehouse, logs);
Console.WriteLine($"silo and API running (API pid {services.ApiPid}, {services.Api}); their logs in {logs}");
await using var api = new ApiTarget(services.Api, services.ApiKey, options.Concurrency, facts.AsOf);
await using var duckDb = await DuckDbTarget.OpenAsync(options.Concurrency, options.DuckDbThreads, K2Services.DuckDbMemoryLimit, options.DuckDbFileCache, facts);

var mismatches = await AnswerCheck.CompareAsync(api, duckDb, options, facts);
Console.WriteLine(mismatches.Count == 0 ? "the API and DuckDB answer the check requests alike" : $"{mismatches.Count} check request(s) answered differently");

var results = new List<LoopResult>();
foreach (var kind in options.Queries)
{
    foreach (IQueryTarget target in new IQueryTarget[] { api, duckDb })
    {
        if (options.Targets is { } only && !only.Contains(target == api ? "api" : "duckdb"))
        {
            continue;
        }

        Console.WriteLine($"{kind} against {target.Name}: {options.WarmUp.TotalSeconds:N0} s warm-up, {options.Duration.TotalSeconds:N0} s measured");
        var result = await ClosedLoop.RunAsync(target, kind, options, facts);
        results.Add(result);
        Console.WriteLine($"  {result.Latency.Requests} requests, p50 {result.Latency.P50:N1} ms, p99 {result.Latency.P99:N1} ms, {result.Errors} errors");
    }
}

await QueryResultWriter.WriteAsync(options, new QueryRun(MachineFacts.Now(loadAtStart), reused, generation, facts, mismatches, results), Console.Out);
return mismatches.Count == 0 && results.All(r => r.Errors == 0) ? 0 : 1;

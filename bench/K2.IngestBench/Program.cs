using K2.Bench;
using K2.IngestBench;

// End-to-end ingest and freshness benchmark; bench/run-ingest.sh runs it against a throwaway PostgreSQL.
var options = BenchOptions.Parse(args);
var loadAtStart = LoadAverage.Read();
var result = await IngestRun.ExecuteAsync(options, Console.Out);
await ResultWriter.WriteAsync(options, result, loadAtStart, Console.Out);
return result.Verified ? 0 : 1;

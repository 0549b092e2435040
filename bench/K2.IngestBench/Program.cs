using K2.IngestBench;

// End-to-end ingest benchmark; bench/run-ingest.sh runs it against a throwaway PostgreSQL.
var options = BenchOptions.Parse(args);
var result = await IngestRun.ExecuteAsync(options, Console.Out);
await ResultWriter.WriteAsync(options, result, Console.Out);
return result.Verified ? 0 : 1;

using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using K2.Bench;
using K2.IngestBench.Freshness;

namespace K2.IngestBench;

/// <summary>Writes the run as JSON (for machines) and a Markdown table (for docs/benchmarks.md).</summary>
internal static class ResultWriter
{
    // NaN stands for "no samples" in a latency summary; JSON has no number for it.
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static async Task WriteAsync(BenchOptions options, BenchResult result, string loadAtStart, TextWriter log)
    {
        Directory.CreateDirectory(options.OutputDirectory);
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture);
        var json = Path.Combine(options.OutputDirectory, $"ingest-{stamp}.json");
        var markdown = Path.Combine(options.OutputDirectory, $"ingest-{stamp}.md");
        await File.WriteAllTextAsync(json, JsonSerializer.Serialize(new
        {
            result.Trades,
            result.Symbols,
            result.Partitions,
            result.Cores,
            flush_max_trades = options.FlushMaxTrades?.ToString(CultureInfo.InvariantCulture) ?? "default",
            produce_per_s = result.Produce.PerSecond,
            consume_decode_ceiling_per_s = result.ConsumeDecodeCeiling.PerSecond,
            end_to_end_backlog_per_s = result.CatchUp.PerSecond,
            end_to_end_backlog_seconds = result.CatchUp.Elapsed.TotalSeconds,
            share_of_ceiling = result.CatchUpShareOfCeiling,
            gc_during_backlog = Gc(result.CatchUpGc, result.CatchUp.Trades),
            result.LiveTrades,
            live_produce_per_s = result.LiveProduce.PerSecond,
            live_end_to_end_per_s = result.LiveIngest.PerSecond,
            result.TableRows,
            result.DataFiles,
            result.DataBytes,
            bytes_per_trade = result.TableRows == 0 ? 0 : (double)result.DataBytes / result.TableRows,
            result.Verified,
            // The first (usually only) step keeps the field older result files have; a sweep lists every step.
            freshness = Freshness(result.Freshness[0]),
            freshness_by_rate = result.Freshness.Select(Freshness).ToList(),
            machine = new
            {
                cores = Environment.ProcessorCount,
                ram_bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes,
                dotnet = Environment.Version.ToString(),
                load_average_start = loadAtStart,
                load_average_end = LoadAverage.Read(),
            },
        }, Json));
        var table = Markdown(result) + SweepMarkdown(result.Freshness) + string.Concat(result.Freshness.Select(FreshnessMarkdown)) + $"\nLoad average: {loadAtStart} at start, {LoadAverage.Read()} at end; .NET {Environment.Version}.\n";
        await File.WriteAllTextAsync(markdown, table);
        await log.WriteLineAsync(table);
        await log.WriteLineAsync($"results: {json}, {markdown}");
    }

    private static string Markdown(BenchResult r)
    {
        var s = new StringBuilder();
        s.AppendLine(CultureInfo.InvariantCulture, $"{r.Trades:N0} trades, {r.Symbols} symbols (Zipf skew), {r.Partitions} partitions, {r.Cores} cores; verified exactly once: {(r.Verified ? "yes" : "NO")}");
        s.AppendLine();
        s.AppendLine("| phase | trades | seconds | trades/s |");
        s.AppendLine("|---|---:|---:|---:|");
        Row(s, "produce (pre-load, idempotent, acks=all)", r.Produce);
        Row(s, "consume + Avro decode only (ceiling)", r.ConsumeDecodeCeiling);
        Row(s, "end to end: backlog → grains → committed Iceberg", r.CatchUp);
        Row(s, "live: produce", r.LiveProduce);
        Row(s, "live: produce start → last commit", r.LiveIngest);
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"End to end = {r.CatchUpShareOfCeiling:P0} of the ceiling. Table: {r.TableRows:N0} rows in {r.DataFiles} files, {r.DataBytes / 1024.0 / 1024.0:N1} MiB ({(double)r.DataBytes / Math.Max(1, r.TableRows):N1} bytes/trade).");
        var gc = r.CatchUpGc;
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"GC during the backlog (silo only): {gc.Gen0:N0} collections ({gc.Gen1:N0} of gen1 or older, {gc.Gen2:N0} of gen2), paused {gc.TotalPause.TotalMilliseconds:N0} ms; allocated {gc.AllocatedBytes / 1024.0 / 1024.0:N0} MiB, {gc.AllocatedBytesPer(r.CatchUp.Trades):N0} bytes per trade.");
        return s.ToString();
    }

    private static object Freshness(FreshnessResult f) => new
    {
        load_trades_per_s = f.LoadRate,
        warmup_seconds = f.Warmup.TotalSeconds,
        seconds = f.Duration.TotalSeconds,
        load_trades = f.LoadTrades,
        probe_interval_ms = f.ProbeInterval.TotalMilliseconds,
        flush_max_age_ms = f.FlushMaxAge.TotalMilliseconds,
        ingest_max_batch_wait_ms = f.BatchMaxWait.TotalMilliseconds,
        ingest_max_batch_linger_ms = f.BatchLinger.TotalMilliseconds,
        consumer_fetch_wait_max_ms = f.FetchWaitMaxMs,
        load_producer_linger_ms = f.LoadLingerMs,
        probes = f.ProbesPublished,
        grain_direct = f.Grain,
        hot_api = f.Hot,
        committed_snapshot = f.Committed,
        committed_target_ms = f.CommittedTarget.TotalMilliseconds,
        hot_poll_round_trip = f.HotPollRoundTrip,
        committed_poll_interval_ms = f.CommittedPollInterval.TotalMilliseconds,
        gc_during_load = Gc(f.GcDuringLoad, f.LoadTrades),
        consumer_batch_processing = f.BatchProcessing,
        machine_cpu = f.MachineCpu is { } cpu ? new { mean_busy = cpu.MeanBusy, intervals_95_percent_busy = cpu.SaturatedIntervals, intervals_100_ms = cpu.Intervals } : null,
        postgres = new { grain_state_rows = f.Postgres.Rows, wal_bytes = f.Postgres.WalBytes, wal_bytes_per_row = f.Postgres.WalBytesPerRow, cpu_seconds = f.Postgres.CpuSeconds },
    };

    private static object Gc(GcActivity gc, long trades) => new
    {
        gen0 = gc.Gen0,
        gen1 = gc.Gen1,
        gen2 = gc.Gen2,
        total_pause_ms = gc.TotalPause.TotalMilliseconds,
        longest_recent_pause_ms = gc.LongestRecentPause.TotalMilliseconds,
        allocated_bytes = gc.AllocatedBytes,
        allocated_bytes_per_trade = gc.AllocatedBytesPer(trades),
    };

    /// <summary>Latency against load, one row per step, when the run stepped through several rates.</summary>
    private static string SweepMarkdown(IReadOnlyList<FreshnessResult> steps)
    {
        if (steps.Count < 2)
        {
            return string.Empty;
        }

        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine("Freshness by load (one API process and probe stream, the steps in this order; details of each step below):");
        s.AppendLine();
        s.AppendLine("| trades/s | machine CPU busy | grain p50 / p99 ms | API p50 / p99 ms | committed p50 / p99 ms | batch p99 ms |");
        s.AppendLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var f in steps)
        {
            var busy = f.MachineCpu is { } cpu ? cpu.MeanBusy.ToString("P0", CultureInfo.InvariantCulture) : "—";
            s.AppendLine(CultureInfo.InvariantCulture, $"| {f.LoadRate:N0} | {busy} | {f.Grain.P50:N1} / {f.Grain.P99:N1} | {f.Hot.P50:N1} / {f.Hot.P99:N1} | {f.Committed.P50:N0} / {f.Committed.P99:N0} | {f.BatchProcessing.P99:N1} |");
        }

        return s.ToString();
    }

    private static string FreshnessMarkdown(FreshnessResult f)
    {
        var s = new StringBuilder();
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Freshness: {f.LoadTrades:N0} trades at {f.LoadRate:N0}/s over {f.Duration.TotalSeconds:N0} s, after {f.Warmup.TotalSeconds:N0} s of the same load as warm-up (not measured), plus a probe trade every {f.ProbeInterval.TotalMilliseconds:N0} ms ({f.ProbesPublished:N0} probes); flush age (`K2:Flush:MaxAge`) {f.FlushMaxAge.TotalMilliseconds:N0} ms, consumer batch wait (`K2:Ingest:MaxBatchWait`) {f.BatchMaxWait.TotalMilliseconds:N0} ms, batch linger (`K2:Ingest:MaxBatchLinger`) {f.BatchLinger.TotalMilliseconds:N0} ms, fetch wait (`K2:Kafka:Consumer:FetchWaitMaxMs`, local broker) {f.FetchWaitMaxMs:N0} ms, the load producer's `linger.ms` {f.LoadLingerMs:N0} ms (the probes': K2's default).");
        s.AppendLine();
        s.AppendLine("| produce → visible | samples | p50 ms | p99 ms | max ms | target | resolution |");
        s.AppendLine("|---|---:|---:|---:|---:|---|---|");
        s.AppendLine(CultureInfo.InvariantCulture, $"| in the symbol grain (direct Orleans call, no API) | {f.Grain.Samples:N0} | {f.Grain.P50:N1} | {f.Grain.P99:N1} | {f.Grain.Max:N1} | | one in-process grain call + 5 ms pause |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| via the API hot path (`GET /v1/trades`) | {f.Hot.Samples:N0} | {f.Hot.P50:N1} | {f.Hot.P99:N1} | {f.Hot.Max:N1} | p99 ≤ 50 ms | one poll: round trip p50 {f.HotPollRoundTrip.P50:N1} ms (max {f.HotPollRoundTrip.Max:N1}) + 5 ms pause |");
        s.AppendLine(CultureInfo.InvariantCulture, $"| in a committed Iceberg snapshot | {f.Committed.Samples:N0} | {f.Committed.P50:N1} | {f.Committed.P99:N1} | {f.Committed.Max:N1} | ≤ flush age + 1 s = {f.CommittedTarget.TotalMilliseconds:N0} ms | {f.CommittedPollInterval.TotalMilliseconds:N0} ms poll + catalog read |");
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"Consumer batches during the load (`k2.silo.ingest.batch_processing`, the grain calls of one polled batch): {f.BatchProcessing.Samples:N0} batches, p50 {f.BatchProcessing.P50:N1} ms, p99 {f.BatchProcessing.P99:N1} ms, max {f.BatchProcessing.Max:N1} ms.");
        if (f.MachineCpu is { } cpu)
        {
            s.AppendLine();
            s.AppendLine(CultureInfo.InvariantCulture, $"Machine CPU during the load (`/proc/stat`, every 100 ms, all processes): {cpu.MeanBusy:P0} busy on average; {cpu.SaturatedIntervals:P0} of {cpu.Intervals:N0} intervals at least 95 % busy.");
        }

        var pg = f.Postgres;
        var pgCpu = pg.CpuSeconds is { } seconds ? string.Create(CultureInfo.InvariantCulture, $"; its processes used {seconds:N1} CPU-seconds, {seconds / f.Duration.TotalSeconds:N2} cores on average") : string.Empty;
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"PostgreSQL during the load (`pg_stat_user_tables`, `pg_current_wal_lsn`, `/proc`): {pg.Rows:N0} grain state rows written ({pg.Rows / f.Duration.TotalSeconds:N0}/s), {pg.WalBytes / 1024.0 / 1024.0:N1} MiB of WAL ({pg.WalBytesPerRow / 1024.0:N1} KiB per row written; the whole database, TOAST and indexes included){pgCpu}.");

        var gc = f.GcDuringLoad;
        s.AppendLine();
        s.AppendLine(CultureInfo.InvariantCulture, $"GC of the benchmark's process (silo, broker client, pollers) during the load: {gc.Gen0:N0} collections ({gc.Gen1:N0} of gen1 or older, {gc.Gen2:N0} of gen2), paused {gc.TotalPause.TotalMilliseconds:N0} ms in total (longest pause of the last collections: {gc.LongestRecentPause.TotalMilliseconds:N1} ms); allocated {gc.AllocatedBytes / 1024.0 / 1024.0:N0} MiB, {gc.AllocatedBytesPer(f.LoadTrades):N0} bytes per load trade (producer included).");
        return s.ToString();
    }

    private static void Row(StringBuilder s, string name, Phase phase) =>
        s.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {phase.Trades:N0} | {phase.Elapsed.TotalSeconds:N2} | {phase.PerSecond:N0} |");
}

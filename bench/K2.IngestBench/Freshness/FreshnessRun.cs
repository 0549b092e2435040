using System.Diagnostics;
using K2.Bench.Freshness;
using K2.Kafka.Configuration;
using K2.Kafka.Topics;

namespace K2.IngestBench.Freshness;

/// <summary>
/// Freshness under sustained load: the synthetic flow is produced at a steady rate the silo can keep up with while a
/// probe symbol gets one trade every <see cref="BenchOptions.ProbeInterval"/>; each probe's publish call is stamped,
/// and pollers record when it is visible through the real API and when a committed Iceberg snapshot covers it.
/// </summary>
internal static class FreshnessRun
{
    private static readonly TimeSpan HotPollPause = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan CommittedPollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    public static async Task<FreshnessResult> ExecuteAsync(
        BenchOptions options, KafkaOptions kafka, BenchSilo silo, string warehouse, SkewedFlow flow, int firstSequence, int rate, TextWriter log)
    {
        await using var api = await ApiProcess.StartAsync(options.ApiAssembly, ApiSettings(options, silo, warehouse), log);
        var ledger = new ProbeLedger();
        var committed = new CommittedPoller(kafka, options.Partitions, () => silo.CommittedNextOffsetsAsync(KafkaTopics.BinanceTrades), ledger, CommittedPollInterval);
        var hot = new HotPoller(api.BaseAddress, ledger, HotPollPause);
        using var positions = committed.OpenPositionConsumer();
        using var stop = new CancellationTokenSource();
        var tracking = Task.Factory.StartNew(() => committed.TrackPositions(positions, stop.Token), TaskCreationOptions.LongRunning);
        var hotPolling = Task.Run(() => hot.RunAsync(stop.Token));
        var grainPolling = Task.Run(() => new GrainPoller(silo.Grains, ledger, HotPollPause).RunAsync(stop.Token));
        var committedPolling = Task.Run(() => committed.RunAsync(stop.Token));

        log.WriteLine($"freshness: {rate:N0} trades/s for {options.FreshnessDuration.TotalSeconds:N0} s, a probe every {options.ProbeInterval.TotalMilliseconds:N0} ms");
        var gcBefore = GcActivity.Now();
        using var batches = new BatchProcessingRecorder(BatchProcessingRecorder.SiloMeter(silo.Meters));
        using var cpu = new MachineCpuSampler();
        using var loadTime = new CancellationTokenSource(options.FreshnessDuration);
        var producer = new SteadyProducer(kafka, sent => flow.Next(firstSequence + (int)sent), rate);
        var load = Task.Run(() => producer.RunAsync(loadTime.Token));
        var probes = Task.Run(() => new ProbeProducer(kafka, ledger, options.ProbeInterval).RunAsync(loadTime.Token));
        await Task.WhenAll(load, probes);
        var gc = GcActivity.Now().Since(gcBefore);
        var batchProcessing = LatencySummary.Of(batches.Milliseconds);
        var machineCpu = cpu.Summary();
        var loadTrades = producer.Sent;

        var settle = Stopwatch.StartNew();
        while (!ledger.AllSeen && settle.Elapsed < options.FlushMaxAge + SettleTimeout)
        {
            await Task.Delay(CommittedPollInterval);
        }

        await stop.CancelAsync();
        await Task.WhenAll(tracking, hotPolling, grainPolling, committedPolling);
        positions.Close();
        if (!ledger.AllSeen)
        {
            log.WriteLine($"freshness: of {ledger.Published} probes only {ledger.Grain.Count} reached the grain, {ledger.Api.Count} the API, {ledger.Committed.Count} a snapshot");
        }

        return new FreshnessResult(
            rate, options.FreshnessDuration, loadTrades, options.ProbeInterval, options.FlushMaxAge, options.BatchMaxWait, options.BatchLinger,
            options.FetchWaitMaxMs, ledger.Published,
            LatencySummary.Of(ledger.Grain.Latencies), LatencySummary.Of(ledger.Api.Latencies), LatencySummary.Of(ledger.Committed.Latencies), LatencySummary.Of(hot.RoundTrips), CommittedPollInterval, gc, batchProcessing, machineCpu);
    }

    private static Dictionary<string, string> ApiSettings(BenchOptions options, BenchSilo silo, string warehouse) => new()
    {
        ["ConnectionStrings:k2db"] = options.Postgres,
        ["Orleans:ClusterId"] = silo.ClusterId,
        ["Orleans:ServiceId"] = silo.ClusterId,
        ["K2:Lakehouse:WarehousePath"] = warehouse,
        ["K2:Query:Threads"] = "1",
        // The poller asks hundreds of times a second; the API's per-client rate limit is not what is measured.
        ["K2:Api:RateLimitPermits"] = "100000000",
    };
}

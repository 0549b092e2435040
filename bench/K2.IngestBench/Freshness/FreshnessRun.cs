using System.Diagnostics;
using System.Text.Json;
using K2.Bench.Freshness;
using K2.Kafka.Configuration;
using K2.Kafka.Topics;

namespace K2.IngestBench.Freshness;

/// <summary>
/// Freshness under sustained load: the synthetic flow is produced at a steady rate the silo can keep up with while a
/// probe symbol gets one trade every <see cref="BenchOptions.ProbeInterval"/>; each probe's publish call is stamped,
/// and pollers record when it is visible through the real API and when a committed Iceberg snapshot covers it.
/// Given several rates, the load steps through them in order (one API process, one probe stream): each step runs its
/// warm-up, then its measured window, so the result is latency as a function of load on the same processes.
/// </summary>
internal static class FreshnessRun
{
    private static readonly TimeSpan HotPollPause = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan CommittedPollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    public static async Task<IReadOnlyList<FreshnessResult>> ExecuteAsync(
        BenchOptions options, KafkaOptions kafka, BenchSilo silo, string warehouse, SkewedFlow flow, int firstSequence, IReadOnlyList<int> rates, TextWriter log)
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
        using var probing = new CancellationTokenSource();
        var probes = Task.Run(() => new ProbeProducer(kafka, ledger, options.ProbeInterval).RunAsync(probing.Token));

        var windows = new List<Window>();
        var sequence = firstSequence;
        foreach (var rate in rates)
        {
            var window = await RunStepAsync(options, kafka, silo, flow, sequence, rate, ledger, hot, log);
            windows.Add(window);
            sequence += (int)window.Sent;
        }

        await probing.CancelAsync();
        await probes;
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

        var roundTrips = hot.RoundTrips.ToArray();
        return [.. windows.Select(w => new FreshnessResult(
            w.Rate, options.FreshnessWarmup, options.FreshnessDuration, w.LoadTrades, options.ProbeInterval, options.FlushMaxAge, options.BatchMaxWait,
            options.BatchLinger, options.FetchWaitMaxMs, options.LoadLingerMs, w.LastProbe - w.FirstProbe + 1,
            LatencySummary.Of(ledger.Grain.LatenciesOf(w.FirstProbe, w.LastProbe)),
            LatencySummary.Of(ledger.Api.LatenciesOf(w.FirstProbe, w.LastProbe)),
            LatencySummary.Of(ledger.Committed.LatenciesOf(w.FirstProbe, w.LastProbe)),
            LatencySummary.Of(roundTrips[w.FirstRoundTrip..Math.Min(w.EndRoundTrip, roundTrips.Length)]),
            CommittedPollInterval, w.Gc, w.BatchProcessing, w.MachineCpu, w.Postgres))];
    }

    /// <summary>One rate: its warm-up (not measured), then its window, whose probes, GC, batches and CPU are kept.</summary>
    private static async Task<Window> RunStepAsync(
        BenchOptions options, KafkaOptions kafka, BenchSilo silo, SkewedFlow flow, int firstSequence, int rate, ProbeLedger ledger, HotPoller hot, TextWriter log)
    {
        log.WriteLine($"freshness: {rate:N0} trades/s for {options.FreshnessWarmup.TotalSeconds:N0} s of warm-up, then {options.FreshnessDuration.TotalSeconds:N0} s with a probe every {options.ProbeInterval.TotalMilliseconds:N0} ms");
        using var loadTime = new CancellationTokenSource(options.FreshnessWarmup + options.FreshnessDuration);
        var producer = new SteadyProducer(WithLinger(kafka, options.LoadLingerMs), sent => flow.Next(firstSequence + (int)sent), rate);
        var load = Task.Run(() => producer.RunAsync(loadTime.Token));
        await Task.Delay(options.FreshnessWarmup);

        var warmupTrades = producer.Sent;
        var firstProbe = ledger.NewestId + 1;
        var firstRoundTrip = hot.RoundTrips.Count;
        var gcBefore = GcActivity.Now();
        var postgresBefore = await PostgresActivity.MarkAsync(options.Postgres);
        using var batches = new BatchProcessingRecorder(BatchProcessingRecorder.SiloMeter(silo.Meters));
        using var cpu = new MachineCpuSampler();
        await load;
        var postgres = (await PostgresActivity.MarkAsync(options.Postgres)).Since(postgresBefore);
        return new Window(
            rate, producer.Sent, producer.Sent - warmupTrades, firstProbe, ledger.NewestId, firstRoundTrip, hot.RoundTrips.Count,
            GcActivity.Now().Since(gcBefore), LatencySummary.Of(batches.Milliseconds), cpu.Summary(), postgres);
    }

    /// <summary>A copy of every setting (options bound from configuration round-trip as JSON) with another producer <c>linger.ms</c>, for the load's producer only.</summary>
    private static KafkaOptions WithLinger(KafkaOptions kafka, int lingerMs)
    {
        var copy = JsonSerializer.Deserialize<KafkaOptions>(JsonSerializer.Serialize(kafka))!;
        copy.Producer.LingerMs = lingerMs;
        return copy;
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

    /// <summary>What one step measured, by probe id and poll index so the latencies can be read once all settled.</summary>
    private sealed record Window(
        int Rate,
        long Sent,
        long LoadTrades,
        long FirstProbe,
        long LastProbe,
        int FirstRoundTrip,
        int EndRoundTrip,
        GcActivity Gc,
        LatencySummary BatchProcessing,
        (double MeanBusy, double SaturatedIntervals, int Intervals)? MachineCpu,
        PostgresActivity Postgres);
}

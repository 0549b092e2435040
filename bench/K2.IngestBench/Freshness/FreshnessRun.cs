using System.Diagnostics;
using K2.Kafka.Configuration;
using K2.Kafka.Publishing;
using K2.Kafka.Serialization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace K2.IngestBench.Freshness;

/// <summary>
/// Freshness under sustained load: the synthetic flow is produced at a steady rate the silo can keep up with while a
/// probe symbol gets one trade every <see cref="BenchOptions.ProbeInterval"/>; each probe's publish call is stamped,
/// and pollers record when it is visible through the real API and when a committed Iceberg snapshot covers it.
/// </summary>
internal static class FreshnessRun
{
    private static readonly TimeSpan PacingTick = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan HotPollPause = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan CommittedPollInterval = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(60);

    public static async Task<FreshnessResult> ExecuteAsync(
        BenchOptions options, KafkaOptions kafka, BenchSilo silo, string warehouse, SkewedFlow flow, int firstSequence, int rate, TextWriter log)
    {
        await using var api = await ApiProcess.StartAsync(options.ApiAssembly, ApiSettings(options, silo, warehouse), log);
        var ledger = new ProbeLedger();
        var committed = new CommittedPoller(kafka, options.Partitions, silo, ledger, CommittedPollInterval);
        var hot = new HotPoller(api.BaseAddress, ledger, HotPollPause);
        using var positions = committed.OpenPositionConsumer();
        using var stop = new CancellationTokenSource();
        var tracking = Task.Factory.StartNew(() => committed.TrackPositions(positions, stop.Token), TaskCreationOptions.LongRunning);
        var hotPolling = Task.Run(() => hot.RunAsync(stop.Token));
        var grainPolling = Task.Run(() => new GrainPoller(silo.Grains, ledger, HotPollPause).RunAsync(stop.Token));
        var committedPolling = Task.Run(() => committed.RunAsync(stop.Token));

        log.WriteLine($"freshness: {rate:N0} trades/s for {options.FreshnessDuration.TotalSeconds:N0} s, a probe every {options.ProbeInterval.TotalMilliseconds:N0} ms");
        var load = Task.Run(() => ProduceAtRateAsync(kafka, flow, firstSequence, rate, options.FreshnessDuration));
        var probes = Task.Run(() => ProbeAsync(kafka, ledger, options.ProbeInterval, options.FreshnessDuration));
        var loadTrades = await load;
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

        return new FreshnessResult(
            rate, options.FreshnessDuration, loadTrades, options.ProbeInterval, options.FlushMaxAge, options.BatchMaxWait, ledger.Published,
            LatencySummary.Of(ledger.Grain.Latencies), LatencySummary.Of(ledger.Api.Latencies), LatencySummary.Of(ledger.Committed.Latencies), LatencySummary.Of(hot.RoundTrips), CommittedPollInterval);
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

    private static async Task<long> ProduceAtRateAsync(KafkaOptions kafka, SkewedFlow flow, int firstSequence, int rate, TimeSpan duration)
    {
        await using var publisher = Publisher(kafka);
        var clock = Stopwatch.StartNew();
        var sent = 0L;
        while (clock.Elapsed < duration)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                await publisher.PublishTradeAsync(flow.Next(firstSequence + (int)sent), CancellationToken.None);
            }

            await Task.Delay(PacingTick);
        }

        await publisher.FlushAsync(CancellationToken.None);
        return sent;
    }

    private static async Task ProbeAsync(KafkaOptions kafka, ProbeLedger ledger, TimeSpan interval, TimeSpan duration)
    {
        // A producer of its own, as a separate feed would have: the probe never queues behind the load's records.
        await using var publisher = Publisher(kafka);
        var clock = Stopwatch.StartNew();
        using var ticks = new PeriodicTimer(interval);
        for (var id = 1L; clock.Elapsed < duration; id++)
        {
            var trade = ProbeTrades.Create(id);
            ledger.MarkPublished(id, Stopwatch.GetTimestamp());
            await publisher.PublishTradeAsync(trade, CancellationToken.None);
            await ticks.WaitForNextTickAsync();
        }

        await publisher.FlushAsync(CancellationToken.None);
    }

    private static KafkaMarketDataPublisher Publisher(KafkaOptions kafka) => new(
        Options.Create(kafka), new AvroTradeSerializer(), new AvroQuoteSerializer(), NullLogger<KafkaMarketDataPublisher>.Instance);
}

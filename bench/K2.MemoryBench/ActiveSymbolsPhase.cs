using System.Diagnostics;
using K2.Contracts.Grains;
using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.Publishing;
using K2.Kafka.Serialization;
using K2.Kafka.Topics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace K2.MemoryBench;

/// <summary>What the silo process holds with trades flowing into many symbol grains through Kafka, flushes included.</summary>
internal sealed record ActiveResult(
    int Symbols,
    int Rate,
    TimeSpan Duration,
    long Produced,
    long Accepted,
    int SymbolActivations,
    long PeakRssBytes,
    MemorySample Live,
    MemorySample AfterFullGc);

/// <summary>
/// The silo process (consumer, symbol grains, flushes into Iceberg) while the local broker is fed a steady round-robin
/// flow over <see cref="MemoryOptions.ActiveSymbols"/> symbols; its RSS is sampled every second.
/// </summary>
internal static class ActiveSymbolsPhase
{
    private const string Prefix = "ACT";
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan PacingTick = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromMinutes(3);

    public static async Task<ActiveResult> RunAsync(MemoryOptions options, TextWriter log)
    {
        using var broker = new LocalKafkaBroker();
        var kafka = new KafkaOptions { ClientId = "k2-memory-bench" };
        kafka.Topics.BinanceTradePartitions = options.Partitions;
        kafka.BootstrapServers = await broker.StartAsync(1, KafkaTopicCatalog.Create(kafka.Topics));
        var warehouse = Path.Combine(Path.GetTempPath(), "k2-memory-warehouse-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var silo = await SiloProcess.StartAsync(options.Postgres, new Dictionary<string, string>
            {
                ["ConnectionStrings:kafka"] = kafka.BootstrapServers,
                ["K2:Kafka:ClientId"] = "k2-memory-silo",
                ["K2:Kafka:Admin:ProvisionTopicsOnStart"] = "false",
                ["K2:Kafka:Topics:BinanceTradePartitions"] = options.Partitions.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["K2:Lakehouse:WarehousePath"] = warehouse,
            }, log);

            await log.WriteLineAsync($"active: {options.ActiveSymbols:N0} symbols at {options.ActiveRate:N0} trades/s for {options.ActiveDuration.TotalSeconds:N0} s");
            var peak = 0L;
            using var stopSampling = new CancellationTokenSource();
            var sampling = Task.Run(async () =>
            {
                while (!stopSampling.IsCancellationRequested)
                {
                    peak = Math.Max(peak, silo.RssBytes);
                    await Task.Delay(SampleEvery, CancellationToken.None);
                }
            });

            var produced = await ProduceAsync(kafka, options);
            var accepted = await WaitAcceptedAsync(silo.Client, options.ActiveSymbols, produced);
            var activations = await ActivationCounts.SymbolGrainsAsync(silo.Client);
            var live = await silo.Client.GetGrain<IMemoryProbeGrain>(0).MeasureAsync(collectFirst: false);
            await stopSampling.CancelAsync();
            await sampling;
            peak = Math.Max(peak, live.RssBytes);
            var collected = await silo.Client.GetGrain<IMemoryProbeGrain>(0).MeasureAsync(collectFirst: true);
            if (options.GcDumpDirectory is { } dumps)
            {
                await HeapDump.CollectAsync(silo.ProcessId, Path.Combine(dumps, "active-symbols"), log);
            }
            return new ActiveResult(options.ActiveSymbols, options.ActiveRate, options.ActiveDuration, produced, accepted, activations, peak, live, collected);
        }
        finally
        {
            if (Directory.Exists(warehouse))
            {
                Directory.Delete(warehouse, recursive: true);
            }
        }
    }

    private static async Task<long> ProduceAsync(KafkaOptions kafka, MemoryOptions options)
    {
        await using var publisher = new KafkaMarketDataPublisher(
            Options.Create(kafka), new AvroTradeSerializer(), new AvroQuoteSerializer(), NullLogger<KafkaMarketDataPublisher>.Instance);
        var nextId = new long[options.ActiveSymbols];
        var clock = Stopwatch.StartNew();
        var sent = 0L;
        while (clock.Elapsed < options.ActiveDuration)
        {
            var due = (long)(clock.Elapsed.TotalSeconds * options.ActiveRate);
            for (; sent < due; sent++)
            {
                var index = (int)(sent % options.ActiveSymbols);
                await publisher.PublishTradeAsync(BenchTrades.Create(BenchTrades.Symbol(Prefix, index), ++nextId[index]), CancellationToken.None);
            }

            await Task.Delay(PacingTick);
        }

        await publisher.FlushAsync(CancellationToken.None);
        return sent;
    }

    /// <summary>Waits until the grains have accepted everything produced (or a timeout): the flow really reached them.</summary>
    private static async Task<long> WaitAcceptedAsync(IClusterClient client, int symbols, long produced)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var accepted = 0L;
            for (var i = 0; i < symbols; i++)
            {
                accepted += (await client.GetGrain<ISymbolGrain>(new SymbolKey(BenchTrades.Exchange, BenchTrades.Symbol(Prefix, i)).ToString()).GetIntegrityAsync()).Accepted;
            }

            if (accepted >= produced || clock.Elapsed > DrainTimeout)
            {
                return accepted;
            }

            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }
}

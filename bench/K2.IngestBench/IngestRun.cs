using System.Diagnostics;
using Confluent.Kafka;
using K2.Contracts.Avro;
using K2.IngestBench.Freshness;
using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.Publishing;
using K2.Kafka.Serialization;
using K2.Kafka.Topics;
using Microsoft.Extensions.Logging.Abstractions;

namespace K2.IngestBench;

/// <summary>
/// One benchmark run: pre-load the topic, measure the consume-and-decode ceiling on it, then let a real silo (consumer,
/// grains with sequence checks, flush, Iceberg commits) ingest the same records, then the live mode (producer and silo
/// together), then freshness under a steady load. Every ingest phase ends only when the table's snapshot records the Kafka end offsets.
/// </summary>
internal static class IngestRun
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<BenchResult> ExecuteAsync(BenchOptions options, TextWriter log)
    {
        using var broker = new LocalKafkaBroker();
        var kafka = new KafkaOptions { ClientId = "k2-bench" };
        kafka.Topics.BinanceTradePartitions = options.Partitions;
        kafka.BootstrapServers = await broker.StartAsync(1, KafkaTopicCatalog.Create(kafka.Topics));
        var flow = new SkewedFlow(options.Symbols);

        log.WriteLine($"pre-loading {options.Trades:N0} trades over {options.Symbols} symbols into {options.Partitions} partitions");
        var produce = await ProduceAsync(kafka, flow, 0, options.Trades);

        log.WriteLine("measuring the consume-and-decode ceiling");
        var ceiling = ConsumeAndDecode(kafka, options.Trades);

        var warehouse = Path.Combine(Path.GetTempPath(), "k2-bench-warehouse-" + Guid.NewGuid().ToString("N")[..8]);
        await using var silo = await BenchSilo.StartAsync(options, kafka, warehouse);
        log.WriteLine("silo started; ingesting the backlog");
        var catchUpGcStart = GcActivity.Now();
        var catchUp = await UntilCommittedAsync(silo, options.Trades);
        var catchUpGc = GcActivity.Now().Since(catchUpGcStart);

        log.WriteLine("live mode: producing while the silo ingests");
        var liveTrades = options.Trades / 2;
        var liveClock = Stopwatch.StartNew();
        var liveProduce = await ProduceAsync(kafka, flow, options.Trades, liveTrades);
        var liveIngest = await UntilCommittedAsync(silo, options.Trades + liveTrades, liveClock) with { Trades = liveTrades };

        var rows = await silo.TotalRecordsAsync();
        // Data files only: the bar sidecars next to them (docs/lakehouse.md) are an index, a few KB each.
        var files = Directory.EnumerateFiles(warehouse, "*.parquet", SearchOption.AllDirectories)
            .Where(f => !K2.Lakehouse.Bars.BarSidecar.IsSidecar(f))
            .Select(f => new FileInfo(f).Length)
            .ToList();
        var verified = rows == options.Trades + liveTrades && await silo.AcceptedAsync(flow) == rows;

        // Half the rate the silo just sustained on the backlog: a load it keeps up with, so freshness is not backlog.
        var freshnessRates = options.FreshnessRates ?? [(int)(catchUp.PerSecond / 2)];
        var freshness = await FreshnessRun.ExecuteAsync(options, kafka, silo, warehouse, flow, options.Trades + liveTrades, freshnessRates, log);
        Directory.Delete(warehouse, recursive: true);

        return new BenchResult(
            options.Trades, options.Symbols, options.Partitions, Environment.ProcessorCount,
            produce, ceiling, catchUp, catchUpGc, liveTrades, liveProduce, liveIngest,
            rows, files.Count, files.Sum(), verified, freshness);
    }

    private static async Task<Phase> ProduceAsync(KafkaOptions kafka, SkewedFlow flow, int from, int count)
    {
        var clock = Stopwatch.StartNew();
        await using var publisher = new KafkaMarketDataPublisher(
            Microsoft.Extensions.Options.Options.Create(kafka), new AvroTradeSerializer(), new AvroQuoteSerializer(), NullLogger<KafkaMarketDataPublisher>.Instance);
        for (var i = from; i < from + count; i++)
        {
            await publisher.PublishTradeAsync(flow.Next(i), CancellationToken.None);
        }

        await publisher.FlushAsync(CancellationToken.None);
        return new Phase(count, clock.Elapsed);
    }

    private static Phase ConsumeAndDecode(KafkaOptions kafka, int expected)
    {
        var config = KafkaClientConfigs.Consumer(kafka, "k2-bench-ceiling", "ceiling");
        config.AutoOffsetReset = AutoOffsetReset.Earliest;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        consumer.Subscribe(KafkaTopics.BinanceTrades);
        var decoded = 0;
        Stopwatch? clock = null;
        while (decoded < expected)
        {
            var record = consumer.Consume(TimeSpan.FromSeconds(30)) ?? throw new InvalidOperationException($"The ceiling consumer stalled at {decoded:N0} records.");
            clock ??= Stopwatch.StartNew();
            if (record.Message.Value is { } value && TradeAvroCodec.TryDecode(value, out _, out _))
            {
                decoded++;
            }
        }

        consumer.Close();
        return new Phase(decoded, clock!.Elapsed);
    }

    private static async Task<Phase> UntilCommittedAsync(BenchSilo silo, long total, Stopwatch? clock = null)
    {
        clock ??= Stopwatch.StartNew();
        while (await silo.CommittedOffsetsTotalAsync() < total)
        {
            await Task.Delay(PollInterval);
        }

        return new Phase(total, clock.Elapsed);
    }
}

using System.Text;
using Confluent.Kafka;
using K2.Contracts.Control;
using K2.Ingestion.Binance.GapRepair;
using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.Consuming;
using K2.Kafka.Topics;
using K2.Testing.Binance;
using K2.Testing.Publishing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace K2.Ingestion.Tests.Binance.GapRepair;

/// <summary>The loop from a symbol grain's gap report on Kafka to the backfilled trades, over a real broker.</summary>
public sealed class GapRequestConsumerTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_gap_report_on_kafka_is_answered_with_exactly_the_missing_trades_and_committed()
    {
        await using var server = await FakeBinanceServer.StartAsync();
        var tape = server.Tape.Take("BTCUSDT", 6);
        using var repair = new RepairHarness(output, server);
        using var broker = new LocalKafkaBroker();
        var options = new KafkaOptions { ClientId = "k2-gap-test" };
        options.BootstrapServers = await broker.StartAsync(1, KafkaTopicCatalog.Create(options.Topics));
        var deadLetters = new RecordingDeadLetterPublisher();

        await ProduceAsync(options,
            GapRepairRequestJson.Serialize(new GapRepairRequest("BINANCE", "BTCUSDT", tape[1].Id, tape[4].Id)),
            Encoding.UTF8.GetBytes("{not json"),
            GapRepairRequestJson.Serialize(new GapRepairRequest("ASX", "BHP", 1, 5)));

        using var services = new ServiceCollection().AddSingleton(repair.Repairer).BuildServiceProvider();
        using var consumer = new GapRequestConsumer(
            new KafkaConsumerFactory(Microsoft.Extensions.Options.Options.Create(options), NullLogger<KafkaConsumerFactory>.Instance),
            services,
            repair.Publisher,
            deadLetters,
            TimeProvider.System,
            NullLogger<GapRequestConsumer>.Instance);
        await consumer.StartAsync(CancellationToken.None);
        var backfilled = await repair.Publisher.Trades.WaitForCountAsync(4);
        var letters = await deadLetters.Letters.WaitForCountAsync(1);
        await WaitForCommittedAsync(options, expected: 3);
        await consumer.StopAsync(CancellationToken.None);

        Assert.Equal(tape[1..5].Select(sample => (long?)sample.Id), backfilled.Select(trade => trade.SourceSequence));
        Assert.All(backfilled, trade => Assert.Equal("true", trade.VendorData["backfilled"]));
        // The backfill was flushed (acknowledged) before its request was committed.
        Assert.Equal([4], repair.Publisher.FlushedAfter.Snapshot());
        var letter = Assert.Single(letters);
        Assert.Equal("gap-repair", letter.Stage);
        Assert.Contains("unreadable gap request", letter.Error, StringComparison.Ordinal);
        Assert.Equal("{not json", Encoding.UTF8.GetString(letter.Payload.Span));
        Assert.EndsWith("@1", letter.SourcePosition, StringComparison.Ordinal);
        Assert.Single(server.RestRequests.Snapshot());
    }

    private static async Task ProduceAsync(KafkaOptions options, params byte[][] values)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = options.BootstrapServers }).Build();
        foreach (var value in values)
        {
            await producer.ProduceAsync(KafkaTopics.ControlGaps, new Message<byte[], byte[]> { Key = Encoding.UTF8.GetBytes("BTCUSDT"), Value = value });
        }
    }

    private static async Task WaitForCommittedAsync(KafkaOptions options, long expected)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = options.BootstrapServers }).Build();
        var partition = new TopicPartition(KafkaTopics.ControlGaps, 0);
        // A hang guard, not a timing assertion.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        long committed;
        do
        {
            var groups = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(GapRequestConsumer.GroupId, [partition])]);
            committed = groups.Single().Partitions.Single().Offset.Value;
            if (committed == expected)
            {
                return;
            }

            await Task.Delay(50);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"the gap-repair group committed offset {committed}, expected {expected}");
    }
}

using System.Diagnostics.Metrics;
using Confluent.Kafka;
using K2.Kafka.Consuming;
using K2.Kafka.Diagnostics;
using K2.Kafka.Tests.Infrastructure;
using K2.Kafka.Topics;
using K2.Testing;
using K2.Testing.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace K2.Kafka.Tests.Diagnostics;

/// <summary>The consumer-lag gauge reports what the group has not committed, from librdkafka's own statistics.</summary>
public sealed class ConsumerLagTests
{
    [Fact]
    public async Task A_consumer_reports_the_records_it_has_not_committed_on_its_partition()
    {
        using var cluster = await KafkaTestCluster.StartAsync(options => options.Consumer.StatisticsIntervalMs = 100);
        const int published = 50;
        const int committed = 20;
        await using (var publisher = cluster.CreatePublisher())
        {
            // One symbol, so one partition holds every record.
            for (var i = 1; i <= published; i++)
            {
                await publisher.PublishTradeAsync(Trades.Binance(i, symbol: "LAGUSDT"), CancellationToken.None);
            }

            await publisher.FlushAsync(CancellationToken.None);
        }

        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        var lag = new ConsumerLagMetrics(meters);
        using var capture = new MeterCapture(meters.Create(KafkaTelemetry.MeterName));
        var factory = new KafkaConsumerFactory(cluster.Wrapped, NullLogger<KafkaConsumerFactory>.Instance, lag);

        await Task.Run(async () =>
        {
            using var consumer = factory.Create("k2-test-lag");
            consumer.Subscribe(KafkaTopics.BinanceTrades);
            using var guard = new CancellationTokenSource(Eventually.HangGuard);
            ConsumeResult<byte[]?, byte[]?>? record = null;
            for (var i = 0; i < committed; i++)
            {
                record = consumer.Consume(guard.Token);
                consumer.StoreOffset(record);
            }

            consumer.Commit();
            // Paused, the consumer reads no more but still serves its statistics callbacks on each poll.
            consumer.Pause(consumer.Assignment);
            var expected = new PartitionLag(KafkaTopics.BinanceTrades, record!.Partition.Value, published - committed);
            await Eventually.Until(
                () =>
                {
                    consumer.Consume(TimeSpan.FromMilliseconds(50));
                    return lag.Current.Values.SelectMany(partitions => partitions).Contains(expected);
                },
                $"the lag of {expected.Topic}/{expected.Partition} is reported as {expected.Lag}");
            consumer.Close();
        });

        Assert.Equal(published - committed, capture.Observe(KafkaTelemetry.ConsumerLag));
    }

    [Fact]
    public void Statistics_without_a_known_lag_report_nothing_for_that_partition()
    {
        const string json = """
            {"name":"k2-consumer#consumer-1","type":"consumer","topics":{"t":{"topic":"t","partitions":{
              "0":{"partition":0,"consumer_lag":7},
              "1":{"partition":1,"consumer_lag":-1},
              "-1":{"partition":-1,"consumer_lag":-1}}}}}
            """;

        var (client, partitions) = ConsumerStatistics.ReadLag(json);

        Assert.Equal("k2-consumer#consumer-1", client);
        Assert.Equal([new PartitionLag("t", 0, 7)], partitions);
    }
}

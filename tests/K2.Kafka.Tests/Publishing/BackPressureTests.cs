using System.Text;
using K2.Kafka.Tests.Infrastructure;
using K2.Kafka.Topics;
using K2.Testing;

namespace K2.Kafka.Tests.Publishing;

public sealed class BackPressureTests
{
    [Fact]
    public async Task A_full_queue_makes_publishers_wait_and_loses_nothing()
    {
        // Ten records fit in librdkafka's queue; they must be acknowledged before more are accepted. (No linger: a
        // queue this small never fills a batch, so each round would otherwise wait out linger.ms.)
        using var cluster = await KafkaTestCluster.StartAsync(options =>
        {
            options.Producer.QueueBufferingMaxMessages = 10;
            options.Producer.LingerMs = 0;
        });
        const int count = 3_000;

        await using (var publisher = cluster.CreatePublisher())
        {
            for (var i = 1; i <= count; i++)
            {
                await publisher.PublishTradeAsync(Trades.Binance(i, symbol: $"SYM{i % 20}"), CancellationToken.None);
            }

            await publisher.FlushAsync(CancellationToken.None);
            var statistics = publisher.Statistics;
            Assert.True(statistics.QueueFullWaits > 0, "The queue-full path was never taken.");
            Assert.Equal(count, statistics.Delivered);
            Assert.Equal(0, statistics.Failed);
        }

        Assert.Equal(count, cluster.Reader.Count(KafkaTopics.BinanceTrades));
        var records = await cluster.Reader.ReadAsync(KafkaTopics.BinanceTrades, count);
        foreach (var bySymbol in records.GroupBy(record => Encoding.UTF8.GetString(record.Message.Key!)))
        {
            var sequences = bySymbol.Select(record => TestSerializers.Trades.Deserialize(record.Message.Value).SourceSequence!.Value).ToList();
            Assert.Equal(sequences.Order(), sequences);
        }
    }
}

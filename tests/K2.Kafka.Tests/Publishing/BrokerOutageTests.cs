using K2.Kafka.Publishing;
using K2.Kafka.Tests.Infrastructure;
using K2.Kafka.Topics;
using K2.Testing;
using ErrorCode = Confluent.Kafka.ErrorCode;

namespace K2.Kafka.Tests.Publishing;

public sealed class BrokerOutageTests
{
    [Fact]
    public async Task Publishers_wait_through_an_outage_and_everything_is_delivered_once_the_broker_is_back()
    {
        using var cluster = await KafkaTestCluster.StartAsync(options => options.Producer.QueueBufferingMaxMessages = 100);
        await using var publisher = cluster.CreatePublisher();
        await publisher.PublishTradeAsync(Trades.Binance(0), CancellationToken.None);
        await publisher.FlushAsync(CancellationToken.None);
        const int count = 1_000;

        cluster.Broker.SetBrokerDown();
        var publishing = Task.Run(async () =>
        {
            for (var i = 1; i <= count; i++)
            {
                await publisher.PublishTradeAsync(Trades.Binance(i, symbol: $"SYM{i % 7}"), CancellationToken.None);
            }
        });

        // With the broker down nothing is acknowledged, so the 100-record queue must fill and the publisher wait.
        await Eventually.Until(() => publisher.Statistics.QueueFullWaits > 0, "the publisher to hit the full queue");
        Assert.False(publishing.IsCompleted);
        Assert.Equal(0, publisher.Statistics.Failed);

        cluster.Broker.SetBrokerUp();
        await publishing;
        await publisher.FlushAsync(CancellationToken.None);

        Assert.Equal(count + 1, publisher.Statistics.Delivered);
        // Idempotence: retries across the outage stored nothing twice.
        Assert.Equal(count + 1, cluster.Reader.Count(KafkaTopics.BinanceTrades));
        var records = await cluster.Reader.ReadAsync(KafkaTopics.BinanceTrades, count + 1);
        Assert.Equal(count + 1, records.Select(record => TestSerializers.Trades.Deserialize(record.Message.Value).MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Records_the_broker_never_acknowledges_fail_the_flush_and_every_later_publish()
    {
        // The broker is down before the first record, so no record can be acknowledged whatever the machine's load;
        // the short message timeout only makes the certain failure quick.
        using var cluster = await KafkaTestCluster.StartAsync(options => options.Producer.MessageTimeoutMs = 1_000);
        cluster.Broker.SetBrokerDown();
        await using var publisher = cluster.CreatePublisher();
        for (var i = 1; i <= 10; i++)
        {
            await publisher.PublishTradeAsync(Trades.Binance(i), CancellationToken.None);
        }

        var failure = await Assert.ThrowsAsync<KafkaDeliveryException>(() => publisher.FlushAsync(CancellationToken.None));
        var cause = Assert.IsType<KafkaDeliveryException>(failure.InnerException);
        Assert.Equal(ErrorCode.Local_MsgTimedOut, cause.Code);
        Assert.Equal(KafkaTopics.BinanceTrades, cause.TopicPartition?.Topic);
        Assert.Equal(10, publisher.Statistics.Failed);
        await Assert.ThrowsAsync<KafkaDeliveryException>(
            async () => await publisher.PublishTradeAsync(Trades.Binance(11), CancellationToken.None));
    }
}

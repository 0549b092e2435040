using System.Diagnostics;
using Confluent.Kafka;
using K2.Kafka.Configuration;
using K2.Kafka.Consuming;
using K2.Kafka.Tests.Infrastructure;
using K2.Kafka.Topics;
using K2.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit.Abstractions;

namespace K2.Kafka.Tests.Consuming;

public sealed class KafkaConsumerFactoryTests(ITestOutputHelper output)
{
    [Fact]
    public void Consumers_use_kip848_groups_manual_offsets_and_read_committed()
    {
        var factory = new KafkaConsumerFactory(
            Options.Create(new KafkaOptions { BootstrapServers = "127.0.0.1:9092" }),
            NullLogger<KafkaConsumerFactory>.Instance);

        var config = factory.CreateConfig("silo");

        Assert.Equal(GroupProtocol.Consumer, config.GroupProtocol);
        Assert.False(config.EnableAutoCommit);
        Assert.False(config.EnableAutoOffsetStore);
        Assert.Equal(IsolationLevel.ReadCommitted, config.IsolationLevel);
        Assert.Equal(AutoOffsetReset.Earliest, config.AutoOffsetReset);
        Assert.Equal("silo", config.GroupId);
    }

    [Fact]
    public async Task A_restarted_member_of_the_group_resumes_exactly_after_the_committed_offsets()
    {
        using var cluster = await KafkaTestCluster.StartAsync();
        const int count = 200;
        await using (var publisher = cluster.CreatePublisher())
        {
            for (var i = 1; i <= count; i++)
            {
                await publisher.PublishTradeAsync(Trades.Binance(i, symbol: $"SYM{i % 10}"), CancellationToken.None);
            }

            await publisher.FlushAsync(CancellationToken.None);
        }

        var factory = new KafkaConsumerFactory(cluster.Wrapped, NullLogger<KafkaConsumerFactory>.Instance);
        var first = await Task.Run(() => ConsumeAndCommit(factory, take: 80));
        var clock = Stopwatch.StartNew();
        var second = await Task.Run(() => ConsumeAndCommit(factory, take: count - first.Count));
        output.WriteLine($"Restarted member read its {second.Count} records {clock.ElapsedMilliseconds} ms after subscribing.");

        // Nothing the first member committed is read again, nothing is skipped.
        Assert.Empty(first.Intersect(second));
        Assert.Equal(count, first.Union(second).Count());
    }

    /// <summary>Joins the group, stores and commits the offsets of the first <paramref name="take"/> records, leaves.</summary>
    private static HashSet<TopicPartitionOffset> ConsumeAndCommit(KafkaConsumerFactory factory, int take)
    {
        using var consumer = factory.Create("k2-test-silo");
        consumer.Subscribe(KafkaTopics.BinanceTrades);
        var taken = new HashSet<TopicPartitionOffset>();
        using var guard = new CancellationTokenSource(Eventually.HangGuard);
        while (taken.Count < take)
        {
            var record = consumer.Consume(guard.Token);
            consumer.StoreOffset(record);
            taken.Add(record.TopicPartitionOffset);
        }

        consumer.Commit();
        consumer.Close();
        return taken;
    }
}

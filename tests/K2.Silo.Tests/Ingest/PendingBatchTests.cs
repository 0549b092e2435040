using System.Diagnostics.Metrics;
using Confluent.Kafka;
using K2.Kafka.Broker;
using K2.Kafka.Topics;
using K2.Silo.Ingest;
using K2.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace K2.Silo.Tests.Ingest;

/// <summary>
/// How a poll batch ends, against the local Kafka-protocol broker. The batch wait in these tests is a minute: a
/// batch that waited it out would trip <see cref="TestTimeouts.Generous"/>, which only bounds a broken test.
/// </summary>
public sealed class PendingBatchTests : IAsyncLifetime, IDisposable
{
    private const string Topic = "t.pending-batch";
    private static readonly TimeSpan LongWait = TimeSpan.FromMinutes(1);

    private readonly LocalKafkaBroker _broker = new();
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private string _bootstrap = "";

    public async Task InitializeAsync() => _bootstrap = await _broker.StartAsync(1, [new KafkaTopicSpec(Topic, 1)]);

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _services.Dispose();
        _broker.Dispose();
    }

    [Fact]
    public async Task A_batch_that_holds_a_record_ends_after_the_linger_not_the_batch_wait()
    {
        Produce("a", "b", "c");
        using var consumer = Consumer();
        var batch = Batch(maxMessages: 100);

        var values = new List<string>();
        while (values.Count < 3)
        {
            var records = await FillWithinBoundAsync(batch, consumer);
            Assert.NotEmpty(records); // the records are on the broker: a batch never ends empty-handed here
            values.AddRange(records.Select(record => System.Text.Encoding.UTF8.GetString(record.Message.Value!)));
        }

        Assert.Equal(["a", "b", "c"], values);
    }

    [Fact]
    public async Task Records_held_from_a_flush_start_the_linger_and_lead_the_next_batch()
    {
        Produce("held");
        using var consumer = Consumer();
        var held = consumer.Consume(TestTimeouts.Generous);
        Assert.NotNull(held);
        var batch = Batch(maxMessages: 100);
        batch.Hold(held);

        var records = await FillWithinBoundAsync(batch, consumer);

        Assert.Equal(["held"], records.Select(record => System.Text.Encoding.UTF8.GetString(record.Message.Value!)));
    }

    [Fact]
    public async Task A_full_batch_ends_at_its_size_and_leaves_the_rest_for_the_next()
    {
        Produce("1", "2", "3", "4", "5");
        using var consumer = Consumer();
        var batch = Batch(maxMessages: 2);

        var sizes = new List<int>();
        while (sizes.Sum() < 5)
        {
            sizes.Add((await FillWithinBoundAsync(batch, consumer)).Count);
        }

        Assert.All(sizes, size => Assert.InRange(size, 1, 2));
    }

    private static async Task<IReadOnlyList<ConsumeResult<byte[]?, byte[]?>>> FillWithinBoundAsync(
        PendingBatch batch, IConsumer<byte[]?, byte[]?> consumer)
    {
        var fill = Task.Run(() => batch.Fill(consumer, CancellationToken.None));
        return await fill.WaitAsync(TestTimeouts.Generous);
    }

    private PendingBatch Batch(int maxMessages) => new(
        new IngestOptions { MaxBatchMessages = maxMessages, MaxBatchWait = LongWait, MaxBatchLinger = TimeSpan.FromMilliseconds(20) },
        new IngestMetrics(_services.GetRequiredService<IMeterFactory>()));

    private void Produce(params string[] values)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(new ProducerConfig { BootstrapServers = _bootstrap }).Build();
        foreach (var value in values)
        {
            producer.Produce(Topic, new Message<byte[]?, byte[]?> { Value = System.Text.Encoding.UTF8.GetBytes(value) });
        }

        producer.Flush(TestTimeouts.Generous);
    }

    private IConsumer<byte[]?, byte[]?> Consumer()
    {
        var consumer = new ConsumerBuilder<byte[]?, byte[]?>(new ConsumerConfig
        {
            BootstrapServers = _bootstrap,
            GroupId = "pending-batch-tests",
            AutoOffsetReset = AutoOffsetReset.Earliest,
            EnableAutoCommit = false,
        }).Build();
        consumer.Assign(new TopicPartitionOffset(Topic, 0, Offset.Beginning));
        return consumer;
    }
}

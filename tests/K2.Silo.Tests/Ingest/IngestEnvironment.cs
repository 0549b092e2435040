using Confluent.Kafka;
using K2.Contracts.Control;
using K2.Contracts.Grains;
using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.DeadLetters;
using K2.Kafka.Publishing;
using K2.Kafka.Serialization;
using K2.Kafka.Topics;
using K2.Silo.Ingest;
using K2.Testing;
using K2.Testing.Clusters;
using K2.Testing.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace K2.Silo.Tests.Ingest;

/// <summary>
/// A real in-memory Kafka broker with every K2 topic and a real PostgreSQL database, plus silo clusters whose
/// consumer reads from that broker. One per test.
/// </summary>
internal sealed class IngestEnvironment : IAsyncDisposable
{
    /// <summary>The consumer's first retry backoff in these tests (short, so a retried batch is quick to see).</summary>
    public static readonly TimeSpan RetryInitialBackoff = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    private readonly LocalKafkaBroker _broker;
    private readonly KafkaOptions _options;

    private IngestEnvironment(LocalKafkaBroker broker, KafkaOptions options, TestDatabase database)
    {
        _broker = broker;
        _options = options;
        Database = database;
    }

    public TestDatabase Database { get; }

    public string Identity { get; } = "k2-ingest-" + Guid.NewGuid().ToString("N")[..8];

    public string BootstrapServers => _options.BootstrapServers;

    public Microsoft.Extensions.Options.IOptions<KafkaOptions> KafkaOptions => Microsoft.Extensions.Options.Options.Create(_options);

    /// <summary>The end offset of each partition of <paramref name="topic"/>, by partition number.</summary>
    public IReadOnlyList<KeyValuePair<int, long>> EndOffsets(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = "k2-test-ends" }).Build();
        return [.. EndOffsets(consumer, topic).Select(end => KeyValuePair.Create(end.Key.Partition.Value, end.Value))];
    }

    /// <summary>The silos' lakehouse warehouse (the catalog is in <see cref="Database"/>).</summary>
    public string WarehousePath { get; } = Path.Combine(Path.GetTempPath(), "k2-ingest-" + Guid.NewGuid().ToString("N")[..8]);

    public static async Task<IngestEnvironment> StartAsync()
    {
        var options = new KafkaOptions { ClientId = "k2-test" };
        var broker = new LocalKafkaBroker();
        options.BootstrapServers = await broker.StartAsync(1, KafkaTopicCatalog.Create(options.Topics));
        return new IngestEnvironment(broker, options, await TestDatabase.CreateAsync());
    }

    /// <summary>A deployed silo cluster with the consumer.</summary>
    /// <param name="silos">How many silos.</param>
    /// <param name="maxBatchMessages">Small makes many batches.</param>
    /// <param name="flushAge">The consumer's flush age (default 200 ms).</param>
    /// <param name="configure">More configuration and silo configurators, applied after the consumer's.</param>
    public async Task<TestCluster> StartClusterAsync(short silos = 1, int maxBatchMessages = 500, string? flushAge = null, Action<TestClusterBuilder>? configure = null)
    {
        var cluster = PostgresTestCluster.Build(Database, silos, Identity, Identity, builder =>
        {
            builder.Properties["ConnectionStrings:kafka"] = BootstrapServers;
            builder.Properties["K2:Kafka:ClientId"] = "k2-test-silo";
            // The mock broker has no CreateTopics; the topics already exist.
            builder.Properties["K2:Kafka:Admin:ProvisionTopicsOnStart"] = "false";
            builder.Properties["K2:Ingest:MaxBatchMessages"] = maxBatchMessages.ToString(System.Globalization.CultureInfo.InvariantCulture);
            builder.Properties["K2:Ingest:MaxBatchWait"] = "00:00:00.050";
            builder.Properties["K2:Ingest:RetryInitialBackoff"] = RetryInitialBackoff.ToString("c", System.Globalization.CultureInfo.InvariantCulture);
            builder.Properties["K2:Ingest:RetryMaxBackoff"] = "00:00:01";
            builder.Properties["K2:Lakehouse:WarehousePath"] = WarehousePath;
            builder.Properties["K2:Flush:MaxAge"] = flushAge ?? "00:00:00.200";
            builder.AddSiloBuilderConfigurator<MarketDataConsumerSiloConfigurator>();
            configure?.Invoke(builder);
        });
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>A cluster on the same database without a consumer: grains only, as a test drives them.</summary>
    public async Task<TestCluster> StartClusterWithoutConsumerAsync()
    {
        var cluster = PostgresTestCluster.Build(Database, 1, Identity, Identity);
        await cluster.DeployAsync();
        return cluster;
    }

    public KafkaMarketDataPublisher CreatePublisher() =>
        new(Microsoft.Extensions.Options.Options.Create(_options), new AvroTradeSerializer(), new AvroQuoteSerializer(), NullLogger<KafkaMarketDataPublisher>.Instance);

    /// <summary>Writes raw bytes, as a foreign or broken producer would.</summary>
    public async Task ProduceRawAsync(string topic, string key, byte[] value)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(new ProducerConfig { BootstrapServers = BootstrapServers }).Build();
        await producer.ProduceAsync(topic, new Message<byte[], byte[]> { Key = System.Text.Encoding.UTF8.GetBytes(key), Value = value });
    }

    public Task<IReadOnlyList<DeadLetterRecord>> DeadLettersAsync() =>
        new DeadLetterReader(Microsoft.Extensions.Options.Options.Create(_options), NullLogger<DeadLetterReader>.Instance)
            .ListAsync(BatchProcessor.DeadLetterSource, 1000, CancellationToken.None);

    /// <summary>Every gap request on <c>k2.control.gaps</c>, in order.</summary>
    public List<GapRepairRequest> GapRequests() =>
        [.. ReadAll(KafkaTopics.ControlGaps).Select(record => GapRepairRequestJson.TryDeserialize(record.Message.Value, out _)!)];

    /// <summary>Every record of <paramref name="topic"/>, read with direct assignment (no group, no commit).</summary>
    public List<ConsumeResult<byte[], byte[]>> ReadAll(string topic)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
        {
            BootstrapServers = BootstrapServers,
            GroupId = "k2-test-reader",
            EnableAutoCommit = false,
        }).Build();
        var ends = EndOffsets(consumer, topic).Where(end => end.Value > 0).ToDictionary();
        var records = new List<ConsumeResult<byte[], byte[]>>();
        consumer.Assign(ends.Keys.Select(partition => new TopicPartitionOffset(partition, Offset.Beginning)));
        using var guard = new CancellationTokenSource(TestTimeouts.Generous);
        while (records.Count < ends.Values.Sum())
        {
            records.Add(consumer.Consume(guard.Token));
        }

        return records;
    }

    /// <summary>
    /// Waits until the consumer group has committed the end offset of every non-empty partition it reads:
    /// the consumer commits a batch only after all its grain calls and follow-ups succeeded.
    /// </summary>
    public async Task WaitUntilDrainedAsync(string groupId = "k2-silo")
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = groupId }).Build();
        var ends = IngestTopics.Subscribed.SelectMany(topic => EndOffsets(consumer, topic)).Where(end => end.Value > 0).ToDictionary();
        await Poll.UntilAsync(
            () => consumer.Committed(ends.Keys, MetadataTimeout).All(committed => committed.Offset.Value == ends[committed.TopicPartition]),
            $"group {groupId} committed the end offsets {string.Join(", ", ends.Select(end => $"{end.Key}@{end.Value}"))}",
            TimeSpan.FromSeconds(60));
    }

    /// <summary>The offsets group <paramref name="groupId"/> has committed for every partition of <paramref name="topic"/> that holds records.</summary>
    public List<TopicPartitionOffset> Committed(string topic, string groupId = "k2-silo")
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = BootstrapServers, GroupId = groupId }).Build();
        return consumer.Committed([.. ReadAll(topic).Select(record => record.TopicPartition).Distinct()], MetadataTimeout);
    }

    public static ISymbolGrain Grain(TestCluster cluster, string exchange, string symbol) =>
        cluster.Client.GetGrain<ISymbolGrain>(new SymbolKey(exchange, symbol).ToString());

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        _broker.Dispose();
        if (Directory.Exists(WarehousePath))
        {
            Directory.Delete(WarehousePath, recursive: true);
        }
    }

    private List<KeyValuePair<TopicPartition, long>> EndOffsets(IConsumer<byte[], byte[]> consumer, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = BootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, MetadataTimeout).Topics.Single().Partitions.Count;
        return [.. Enumerable.Range(0, partitions)
            .Select(partition => new TopicPartition(topic, partition))
            .Select(partition => KeyValuePair.Create(partition, consumer.QueryWatermarkOffsets(partition, MetadataTimeout).High.Value))];
    }
}

using Confluent.Kafka;
using K2.Contracts.Grains;
using K2.Contracts.Model;
using K2.Ingestion.Asx;
using K2.Ingestion.Binance.Hosting;
using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.DeadLetters;
using K2.Kafka.Hosting;
using K2.Kafka.Topics;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Silo.Ingest;
using K2.Testing;
using K2.Testing.Binance;
using K2.Testing.Clusters;
using K2.Testing.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.TestingHost;

namespace K2.Ingestion.Tests.EndToEnd;

/// <summary>
/// Every real part of the ingest path, wired as the local run wires them: one in-memory Kafka broker with every K2
/// topic, a PostgreSQL database (Orleans state and the Iceberg catalog), a silo cluster with the consumer flushing to
/// a local warehouse, and the ingestion process's host (Kafka publishers, Binance feed, gap-repair consumer, ASX loader)
/// registered as Program.cs does. Only Binance is a fake, speaking Binance's formats.
/// </summary>
internal sealed class EndToEndEnvironment : IAsyncDisposable
{
    private static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly LocalKafkaBroker _broker;
    private readonly KafkaOptions _kafka;
    private readonly List<IAsyncDisposable> _owned = [];

    private EndToEndEnvironment(LocalKafkaBroker broker, KafkaOptions kafka, TestDatabase database)
    {
        _broker = broker;
        _kafka = kafka;
        Database = database;
    }

    public TestDatabase Database { get; }

    public string WarehousePath { get; } = Path.Combine(Path.GetTempPath(), "k2-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    private string Identity { get; } = "k2-e2e-" + Guid.NewGuid().ToString("N")[..8];

    public static async Task<EndToEndEnvironment> StartAsync()
    {
        var kafka = new KafkaOptions { ClientId = "k2-e2e" };
        var broker = new LocalKafkaBroker();
        kafka.BootstrapServers = await broker.StartAsync(1, KafkaTopicCatalog.Create(kafka.Topics));
        return new EndToEndEnvironment(broker, kafka, await TestDatabase.CreateAsync());
    }

    /// <summary>A silo cluster with the market-data consumer, flushing to <see cref="WarehousePath"/>.</summary>
    public async Task<TestCluster> StartSiloClusterAsync()
    {
        var cluster = PostgresTestCluster.Build(Database, 1, Identity, Identity, builder =>
        {
            builder.Properties["ConnectionStrings:kafka"] = _kafka.BootstrapServers;
            builder.Properties["K2:Kafka:ClientId"] = "k2-e2e-silo";
            // The mock broker has no CreateTopics; the topics already exist.
            builder.Properties["K2:Kafka:Admin:ProvisionTopicsOnStart"] = "false";
            builder.Properties["K2:Ingest:MaxBatchWait"] = "00:00:00.050";
            builder.Properties["K2:Ingest:RetryInitialBackoff"] = "00:00:00.050";
            builder.Properties["K2:Ingest:RetryMaxBackoff"] = "00:00:01";
            builder.Properties["K2:Lakehouse:WarehousePath"] = WarehousePath;
            builder.Properties["K2:Flush:MaxAge"] = "00:00:00.200";
            builder.AddSiloBuilderConfigurator<MarketDataConsumerSiloConfigurator>();
        });
        await cluster.DeployAsync();
        _owned.Add(cluster);
        return cluster;
    }

    /// <summary>
    /// The ingestion process's services (as <c>K2.Ingestion/Program.cs</c> registers them) with the Binance feed
    /// pointed at <paramref name="binance"/>; started, so the feed and the gap-repair consumer run.
    /// </summary>
    public async Task<IHost> StartIngestionAsync(FakeBinanceServer binance, IReadOnlyList<string> symbols, ILoggerProvider logs)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:kafka"] = _kafka.BootstrapServers,
            ["K2:Kafka:ClientId"] = "k2-e2e-ingestion",
            ["K2:Kafka:Admin:ProvisionTopicsOnStart"] = "false",
            ["K2:Binance:WebSocketEndpoints:0"] = binance.WebSocketUri.ToString(),
            ["K2:Binance:RestBaseUrl"] = binance.RestUri.ToString(),
            // The scripted disconnect should not cost the test the production backoff of up to a minute.
            ["K2:Binance:Reconnect:Initial"] = "00:00:00.050",
            ["K2:Binance:Reconnect:Max"] = "00:00:00.200",
        };
        for (var i = 0; i < symbols.Count; i++)
        {
            settings[$"K2:Binance:Symbols:{i}"] = symbols[i];
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(logs);
        builder.AddServiceDefaults();
        builder.Services.AddK2Kafka(builder.Configuration);
        builder.AddBinanceFeed();
        builder.Services.AddAsxBatchLoader(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        _owned.Add(new HostHandle(host));
        return host;
    }

    public static ISymbolGrain Grain(TestCluster cluster, string exchange, string symbol) =>
        cluster.Client.GetGrain<ISymbolGrain>(new SymbolKey(exchange, symbol).ToString());

    public Task<IReadOnlyList<DeadLetterRecord>> DeadLettersAsync(string source) =>
        new DeadLetterReader(Microsoft.Extensions.Options.Options.Create(_kafka), NullLogger<DeadLetterReader>.Instance)
            .ListAsync(source, 10_000, CancellationToken.None);

    /// <summary>Every record of <paramref name="topic"/>, read with direct assignment (no group, no commit).</summary>
    public List<ConsumeResult<byte[], byte[]>> ReadAll(string topic)
    {
        using var consumer = CreateConsumer("k2-e2e-reader");
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
    /// True when <paramref name="groupId"/> has committed the end offset of every non-empty partition of
    /// <paramref name="topics"/>. The silo commits Kafka offsets only after the Iceberg commit that covers them.
    /// </summary>
    public bool HasCommittedEverything(string groupId, IEnumerable<string> topics)
    {
        using var consumer = CreateConsumer(groupId);
        var ends = topics.SelectMany(topic => EndOffsets(consumer, topic)).Where(end => end.Value > 0).ToDictionary();
        return consumer.Committed(ends.Keys, MetadataTimeout).All(committed => committed.Offset.Value == ends[committed.TopicPartition]);
    }

    public static IEnumerable<string> SiloTopics => IngestTopics.Subscribed;

    /// <summary>Every row of the Iceberg trades table's current snapshot, read with the lakehouse reader.</summary>
    public Task<IReadOnlyList<Trade>> ReadTradesTableAsync() =>
        ReadTableAsync(MarketDataTables.Trades, (reader, plan) => reader.ReadTradesAsync(plan, ScanFilter.All, CancellationToken.None));

    /// <summary>Every row of the Iceberg quotes table's current snapshot, read with the lakehouse reader.</summary>
    public Task<IReadOnlyList<Quote>> ReadQuotesTableAsync() =>
        ReadTableAsync(MarketDataTables.Quotes, (reader, plan) => reader.ReadQuotesAsync(plan, ScanFilter.All, CancellationToken.None));

    private async Task<IReadOnlyList<T>> ReadTableAsync<T>(TableIdentifier name, Func<DuckDbMarketDataReader, ScanPlan, Task<IReadOnlyList<T>>> read)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{LakehouseOptions.SectionName}:WarehousePath"] = WarehousePath,
        }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton(_ => NpgsqlDataSource.Create(Database.ConnectionString))
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddK2Lakehouse(configuration)
            .BuildServiceProvider();
        var table = await services.GetRequiredService<IcebergCatalog>().LoadTableAsync(name, CancellationToken.None);
        var plan = await services.GetRequiredService<ScanPlanner>().PlanAsync(table.Metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);
        return await read(services.GetRequiredService<DuckDbMarketDataReader>(), plan);
    }

    /// <summary>Checks <paramref name="condition"/> until it holds; fails with <paramref name="describe"/>'s last answer.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, Func<Task<string>> describe, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(PollInterval, deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Still not true after {timeout}: {await describe()}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }

        await Database.DisposeAsync();
        _broker.Dispose();
        if (Directory.Exists(WarehousePath))
        {
            Directory.Delete(WarehousePath, recursive: true);
        }
    }

    private IConsumer<byte[], byte[]> CreateConsumer(string groupId) =>
        new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig { BootstrapServers = _kafka.BootstrapServers, GroupId = groupId, EnableAutoCommit = false }).Build();

    private List<KeyValuePair<TopicPartition, long>> EndOffsets(IConsumer<byte[], byte[]> consumer, string topic)
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = _kafka.BootstrapServers }).Build();
        var partitions = admin.GetMetadata(topic, MetadataTimeout).Topics.Single().Partitions.Count;
        return [.. Enumerable.Range(0, partitions)
            .Select(partition => new TopicPartition(topic, partition))
            .Select(partition => KeyValuePair.Create(partition, consumer.QueryWatermarkOffsets(partition, MetadataTimeout).High.Value))];
    }

    private sealed class HostHandle(IHost host) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}

using System.Globalization;
using K2.Kafka.Broker;
using K2.Kafka.Configuration;
using K2.Kafka.Consuming;
using K2.Kafka.Topics;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;
using K2.Silo.Flush;
using K2.Testing;
using K2.Testing.Clusters;
using K2.Testing.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.TestingHost;

namespace K2.ApiAbuse;

/// <summary>
/// Everything the API needs behind it, as the API tests build it: a database of its own on a throwaway PostgreSQL,
/// a lakehouse holding one snapshot of seeded trades, the Kafka-protocol local broker (librdkafka's mock cluster), and
/// one silo joined through the ADO.NET membership table that consumes the broker's topics and flushes into the
/// lakehouse, as K2.Silo's Program.cs configures it.
/// </summary>
internal sealed class AbuseBackend : IAsyncDisposable
{
    public const string CatalogName = "k2_abuse";

    private readonly TestDatabase _database = new();
    private readonly LocalKafkaBroker _broker = new();
    private readonly string _clusterId = "k2-abuse-" + Guid.NewGuid().ToString("N")[..8];
    private TestCluster? _cluster;
    private ServiceProvider? _lakehouse;
    private string _logCluster = string.Empty;

    public string WarehousePath { get; } = Path.Combine(Path.GetTempPath(), $"k2-abuse-warehouse-{Guid.NewGuid():N}");

    public string ConnectionString => _database.ConnectionString;

    public string ClusterId => _clusterId;

    /// <summary>How producers reach the local broker.</summary>
    public KafkaOptions Kafka { get; } = new() { ClientId = "k2-abuse" };

    /// <summary>Grain calls through the test cluster's client.</summary>
    public IGrainFactory Grains => _cluster?.Client ?? throw new InvalidOperationException("The backend is not started.");

    /// <summary>The lakehouse's catalog, scan planner and reader, in this process, for reading the table back.</summary>
    public IServiceProvider Lakehouse => _lakehouse ?? throw new InvalidOperationException("The backend is not started.");

    public async Task StartAsync(int seededTrades)
    {
        await _database.InitializeAsync();
        Kafka.BootstrapServers = await _broker.StartAsync(1, KafkaTopicCatalog.Create(Kafka.Topics));
        _lakehouse = LakehouseServices();
        // Seeded before the silo starts, so the consumer's flush appends on top of the seeded snapshot.
        await SeedAsync(_lakehouse, seededTrades);
        _cluster = PostgresTestCluster.Build(_database, silos: 1, _clusterId, _clusterId, builder =>
        {
            builder.Properties["ConnectionStrings:kafka"] = Kafka.BootstrapServers;
            builder.Properties["K2:Kafka:ClientId"] = "k2-abuse-silo";
            // The local broker has no CreateTopics; the topics already exist.
            builder.Properties["K2:Kafka:Admin:ProvisionTopicsOnStart"] = "false";
            // Freshness probes measure K2, not the local broker's hold on empty fetches.
            builder.Properties["K2:Kafka:Consumer:FetchWaitMaxMs"] = LocalKafkaBroker.ConsumerFetchWaitMaxMs.ToString(CultureInfo.InvariantCulture);
            builder.Properties[$"{LakehouseOptions.SectionName}:WarehousePath"] = WarehousePath;
            builder.Properties[$"{LakehouseOptions.SectionName}:CatalogName"] = CatalogName;
            builder.AddSiloBuilderConfigurator<MarketDataConsumerSiloConfigurator>();
        });
        await _cluster.DeployAsync();
        _logCluster = await new KafkaClusterIdentity(Options.Create(Kafka)).ReadAsync(CancellationToken.None);
    }

    /// <summary>The settings the API process needs to reach this backend.</summary>
    public IReadOnlyDictionary<string, string> ApiSettings() => new Dictionary<string, string>
    {
        ["ConnectionStrings__k2db"] = ConnectionString,
        ["Orleans__ClusterId"] = _clusterId,
        ["Orleans__ServiceId"] = _clusterId,
        [$"{LakehouseOptions.SectionName.Replace(":", "__", StringComparison.Ordinal)}__WarehousePath"] = WarehousePath,
        [$"{LakehouseOptions.SectionName.Replace(":", "__", StringComparison.Ordinal)}__CatalogName"] = CatalogName,
    };

    /// <summary>Rows in the trades table's current snapshot (its summary's <c>total-records</c>), seeded ones included.</summary>
    public async Task<long> TotalRecordsAsync()
    {
        var table = await Lakehouse.GetRequiredService<IcebergCatalog>().LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        return table.Metadata.CurrentSnapshot?.Summary is { } summary && summary.TryGetValue("total-records", out var total)
            ? long.Parse(total, CultureInfo.InvariantCulture)
            : 0;
    }

    /// <summary>The next offset per partition of the trades topic that the trades table's current snapshot records.</summary>
    public async Task<IReadOnlyDictionary<int, long>> CommittedNextOffsetsAsync()
    {
        var table = await Lakehouse.GetRequiredService<IcebergCatalog>().LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        return KafkaOffsetMap.FromSummary(table.Metadata.CurrentSnapshot?.Summary, _logCluster).Offsets
            .Where(offset => offset.Key.Topic == KafkaTopics.BinanceTrades)
            .ToDictionary(offset => offset.Key.Partition, offset => offset.Value);
    }

    private ServiceProvider LakehouseServices()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{LakehouseOptions.SectionName}:WarehousePath"] = WarehousePath,
            [$"{LakehouseOptions.SectionName}:CatalogName"] = CatalogName,
        }).Build();
        return new ServiceCollection()
            .AddSingleton(_ => NpgsqlDataSource.Create(ConnectionString))
            .AddK2Lakehouse(configuration)
            .BuildServiceProvider();
    }

    private static async Task SeedAsync(IServiceProvider services, int count)
    {
        var catalog = services.GetRequiredService<IcebergCatalog>();
        await catalog.InitializeAsync(CancellationToken.None);
        await catalog.CreateTableAsync(MarketDataTables.Trades, MarketDataTables.TradesDefinition, CancellationToken.None);
        await catalog.CreateTableAsync(MarketDataTables.Quotes, MarketDataTables.QuotesDefinition, CancellationToken.None);

        var trades = Enumerable.Range(1, count)
            .Select(i => Trades.Binance(i, Trades.BaseTime.AddMilliseconds(i)) with { PlatformSequence = i })
            .ToList();
        var table = await catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        var files = await services.GetRequiredService<DataFileWriter>().WriteAsync(table.Metadata, trades, MarketDataLayouts.Trades, CancellationToken.None);
        await services.GetRequiredService<AppendCommitter>().CommitAppendAsync(MarketDataTables.Trades, files, new Dictionary<string, string>(), _ => true, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        if (_lakehouse is not null)
        {
            await _lakehouse.DisposeAsync();
        }

        _broker.Dispose();
        await _database.DisposeAsync();
        if (Directory.Exists(WarehousePath))
        {
            Directory.Delete(WarehousePath, recursive: true);
        }
    }
}

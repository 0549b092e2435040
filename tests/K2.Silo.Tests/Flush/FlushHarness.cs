using K2.Contracts.Model;
using K2.Lakehouse.Bars;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Silo.Flush;
using K2.Testing.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace K2.Silo.Tests.Flush;

/// <summary>
/// One silo's view of a real lakehouse (PostgreSQL catalog, local warehouse folder). <see cref="SecondSilo"/> gives
/// another writer with its own services on the same catalog and warehouse.
/// </summary>
internal sealed class FlushHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly TestDatabase? _ownedDatabase;

    private FlushHarness(ServiceProvider services, TestDatabase? ownedDatabase, string connectionString, string warehouse)
    {
        _services = services;
        _ownedDatabase = ownedDatabase;
        ConnectionString = connectionString;
        WarehousePath = warehouse;
    }

    public string ConnectionString { get; }

    public string WarehousePath { get; }

    public LakehouseTradeFlusher Flusher => _services.GetRequiredService<LakehouseTradeFlusher>();

    public LakehouseQuoteFlusher QuoteFlusher => _services.GetRequiredService<LakehouseQuoteFlusher>();

    public static async Task<FlushHarness> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var warehouse = Path.Combine(Path.GetTempPath(), $"k2-flush-{Guid.NewGuid():N}");
        var harness = new FlushHarness(Build(database.ConnectionString, warehouse), database, database.ConnectionString, warehouse);
        await harness.Flusher.EnsureTableAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>A view of an existing catalog and warehouse (e.g. the one a silo cluster flushes to); owns neither.</summary>
    public static FlushHarness Attach(string connectionString, string warehouse) =>
        new(Build(connectionString, warehouse), ownedDatabase: null, connectionString, warehouse);

    /// <summary>The offsets the trades table's current snapshot records.</summary>
    public Task<KafkaOffsetMap> CommittedOffsetsAsync(string logCluster) => Flusher.ReadCommittedOffsetsAsync(logCluster, CancellationToken.None);

    /// <summary>The offsets the quotes table's current snapshot records.</summary>
    public Task<KafkaOffsetMap> CommittedQuoteOffsetsAsync(string logCluster) => QuoteFlusher.ReadCommittedOffsetsAsync(logCluster, CancellationToken.None);

    public FlushHarness SecondSilo() =>
        new(Build(ConnectionString, WarehousePath), ownedDatabase: null, ConnectionString, WarehousePath);

    public async Task<IReadOnlyList<Trade>> ReadAllTradesAsync()
    {
        var table = await _services.GetRequiredService<IcebergCatalog>().LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        var plan = await _services.GetRequiredService<ScanPlanner>().PlanAsync(table.Metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);
        return await _services.GetRequiredService<DuckDbMarketDataReader>().ReadTradesAsync(plan, ScanFilter.All, CancellationToken.None);
    }

    /// <summary>The trades table's snapshots from the first to the current one.</summary>
    public async Task<IReadOnlyList<K2.Lakehouse.Iceberg.Metadata.Snapshot>> TradeSnapshotsAsync()
    {
        var table = await _services.GetRequiredService<IcebergCatalog>().LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        return [.. table.Metadata.CurrentAncestry().Reverse()];
    }

    public async Task<IReadOnlyList<Quote>> ReadAllQuotesAsync()
    {
        var table = await _services.GetRequiredService<IcebergCatalog>().LoadTableAsync(MarketDataTables.Quotes, CancellationToken.None);
        var plan = await _services.GetRequiredService<ScanPlanner>().PlanAsync(table.Metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);
        return await _services.GetRequiredService<DuckDbMarketDataReader>().ReadQuotesAsync(plan, ScanFilter.All, CancellationToken.None);
    }

    /// <summary>Data files on disk (bar sidecars are not data files; <see cref="SidecarCount"/> counts them).</summary>
    public int DataFileCount() => ParquetFiles().Count(f => !BarSidecar.IsSidecar(f));

    public int SidecarCount() => ParquetFiles().Count(BarSidecar.IsSidecar);

    private IEnumerable<string> ParquetFiles() =>
        Directory.Exists(WarehousePath) ? Directory.EnumerateFiles(WarehousePath, "*.parquet", SearchOption.AllDirectories) : [];

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_ownedDatabase is not null)
        {
            await _ownedDatabase.DisposeAsync();
            if (Directory.Exists(WarehousePath))
            {
                Directory.Delete(WarehousePath, recursive: true);
            }
        }
    }

    private static ServiceProvider Build(string connectionString, string warehouse)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{LakehouseOptions.SectionName}:WarehousePath"] = warehouse,
        }).Build();
        return new ServiceCollection()
            .AddSingleton(_ => NpgsqlDataSource.Create(connectionString))
            .AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>))
            .AddK2Lakehouse(configuration)
            .AddSingleton<LakehouseTradeFlusher>()
            .AddSingleton<LakehouseQuoteFlusher>()
            .BuildServiceProvider();
    }
}

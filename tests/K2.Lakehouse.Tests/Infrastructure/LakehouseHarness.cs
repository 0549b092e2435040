using K2.Lakehouse.Bars;
using K2.Lakehouse.Caching;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Maintenance;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Writing;
using K2.Testing.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace K2.Lakehouse.Tests.Infrastructure;

/// <summary>
/// A complete lakehouse over a fresh PostgreSQL database (a <see cref="TestDatabase"/> on the shared test server) and
/// an empty warehouse directory, wired through <see cref="LakehouseServiceExtensions.AddK2Lakehouse"/> exactly as a
/// host would. Disposing drops both.
/// </summary>
public sealed class LakehouseHarness : IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;
    private readonly ServiceProvider _services;

    private LakehouseHarness(TestDatabase database, bool ownsDatabase, string warehouse, ServiceProvider services)
    {
        _database = database;
        _ownsDatabase = ownsDatabase;
        WarehousePath = warehouse;
        _services = services;
    }

    public string WarehousePath { get; }

    public IcebergCatalog Catalog => _services.GetRequiredService<IcebergCatalog>();

    public AppendCommitter Committer => _services.GetRequiredService<AppendCommitter>();

    public SchemaEvolution Schemas => _services.GetRequiredService<SchemaEvolution>();

    public DataFileWriter Writer => _services.GetRequiredService<DataFileWriter>();

    public ScanPlanner Planner => _services.GetRequiredService<ScanPlanner>();

    public ManifestCache ManifestCache => _services.GetRequiredService<ManifestCache>();

    public MetadataCache MetadataCache => _services.GetRequiredService<MetadataCache>();

    public DuckDbMarketDataReader Reader => _services.GetRequiredService<DuckDbMarketDataReader>();

    public BarSidecarIndex BarSidecars => _services.GetRequiredService<BarSidecarIndex>();

    public IWarehouseStorage Storage => _services.GetRequiredService<IWarehouseStorage>();

    public NpgsqlDataSource DataSource => _services.GetRequiredService<NpgsqlDataSource>();

    public Compactor Compactor => _services.GetRequiredService<Compactor>();

    public ManifestMerger ManifestMerger => _services.GetRequiredService<ManifestMerger>();

    public SnapshotExpirer Expirer => _services.GetRequiredService<SnapshotExpirer>();

    public OrphanFileRemover Orphans => _services.GetRequiredService<OrphanFileRemover>();

    public TableMaintenance Maintenance => _services.GetRequiredService<TableMaintenance>();

    /// <param name="settings">Overrides of <c>K2:Lakehouse</c> settings.</param>
    /// <param name="maintenance">Overrides of <c>K2:Maintenance</c> settings.</param>
    public static async Task<LakehouseHarness> CreateAsync(IDictionary<string, string?>? settings = null, IDictionary<string, string?>? maintenance = null)
    {
        var database = await TestDatabase.CreateAsync();
        var connectionString = database.ConnectionString;
        var warehouse = Path.Combine(Path.GetTempPath(), $"k2-warehouse-{Guid.NewGuid():N}");
        var values = new Dictionary<string, string?>
        {
            [$"{LakehouseOptions.SectionName}:WarehousePath"] = warehouse,
            [$"{LakehouseOptions.SectionName}:CatalogName"] = "k2_test",
            [$"{LakehouseOptions.SectionName}:DuckDbThreads"] = "2",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[$"{LakehouseOptions.SectionName}:{key}"] = value;
        }

        foreach (var (key, value) in maintenance ?? new Dictionary<string, string?>())
        {
            values[$"{MaintenanceOptions.SectionName}:{key}"] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        // Registered through a factory so the provider owns, and on dispose closes, the connection pool.
        var services = new ServiceCollection()
            .AddSingleton(_ => NpgsqlDataSource.Create(connectionString))
            .AddK2Lakehouse(configuration)
            .AddK2LakehouseMaintenance(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var harness = new LakehouseHarness(database, ownsDatabase: true, warehouse, services);
        await harness.Catalog.InitializeAsync(CancellationToken.None);
        return harness;
    }

    /// <summary>Another process's view of the same catalog and warehouse: separate services and connection pool.</summary>
    public LakehouseHarness SecondWriter()
    {
        var connectionString = _database.ConnectionString;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{LakehouseOptions.SectionName}:WarehousePath"] = WarehousePath,
            [$"{LakehouseOptions.SectionName}:CatalogName"] = "k2_test",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton(_ => NpgsqlDataSource.Create(connectionString))
            .AddK2Lakehouse(configuration)
            .AddK2LakehouseMaintenance(configuration)
            .BuildServiceProvider();
        return new LakehouseHarness(_database, ownsDatabase: false, WarehousePath, services);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (!_ownsDatabase)
        {
            return; // a second writer shares the first harness's database and warehouse
        }

        await _database.DisposeAsync();
        // K2_KEEP_WAREHOUSE=1 keeps the files for inspection (the catalog database is dropped either way).
        if (Directory.Exists(WarehousePath) && Environment.GetEnvironmentVariable("K2_KEEP_WAREHOUSE") is null)
        {
            Directory.Delete(WarehousePath, recursive: true);
        }
    }
}

using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;
using K2.Testing;
using K2.Testing.Clusters;
using K2.Testing.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace K2.ApiAbuse;

/// <summary>
/// Everything the API needs behind it, as the API tests build it: a database of its own on a throwaway PostgreSQL,
/// one silo joined through the ADO.NET membership table, and a lakehouse holding one snapshot of seeded trades.
/// </summary>
internal sealed class AbuseBackend : IAsyncDisposable
{
    public const string CatalogName = "k2_abuse";

    private readonly TestDatabase _database = new();
    private readonly string _clusterId = "k2-abuse-" + Guid.NewGuid().ToString("N")[..8];
    private TestCluster? _cluster;

    public string WarehousePath { get; } = Path.Combine(Path.GetTempPath(), $"k2-abuse-warehouse-{Guid.NewGuid():N}");

    public string ConnectionString => _database.ConnectionString;

    public string ClusterId => _clusterId;

    public async Task StartAsync(int seededTrades)
    {
        await _database.InitializeAsync();
        _cluster = PostgresTestCluster.Build(_database, silos: 1, _clusterId, _clusterId);
        await _cluster.DeployAsync();
        await SeedAsync(seededTrades);
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

    private async Task SeedAsync(int count)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{LakehouseOptions.SectionName}:WarehousePath"] = WarehousePath,
            [$"{LakehouseOptions.SectionName}:CatalogName"] = CatalogName,
        }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton(_ => NpgsqlDataSource.Create(ConnectionString))
            .AddK2Lakehouse(configuration)
            .BuildServiceProvider();
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

        await _database.DisposeAsync();
        if (Directory.Exists(WarehousePath))
        {
            Directory.Delete(WarehousePath, recursive: true);
        }
    }
}

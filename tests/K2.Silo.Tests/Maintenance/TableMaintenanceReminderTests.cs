using K2.Contracts.Model;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;
using K2.Silo.Flush;
using K2.Silo.Hosting;
using K2.Silo.Maintenance;
using K2.Testing;
using K2.Testing.Clusters;
using K2.Testing.Postgres;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace K2.Silo.Tests.Maintenance;

/// <summary>
/// The scheduled job on a real silo: Program.cs's registration, a PostgreSQL-backed reminder, the grain running
/// compaction on a table another process filled with small files, and the Kafka offsets surviving it.
/// </summary>
public sealed class TableMaintenanceReminderTests : IAsyncLifetime
{
    private const int Appends = 8;
    private readonly string _warehouse = Path.Combine(Path.GetTempPath(), $"k2-maintenance-{Guid.NewGuid():N}");
    private TestDatabase _database = null!;
    private ServiceProvider _lakehouse = null!;
    private TestCluster? _cluster;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{LakehouseOptions.SectionName}:WarehousePath"] = _warehouse,
        }).Build();
        var connectionString = _database.ConnectionString;
        _lakehouse = new ServiceCollection()
            .AddSingleton(_ => NpgsqlDataSource.Create(connectionString))
            .AddK2Lakehouse(configuration)
            .BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        await _lakehouse.DisposeAsync();
        await _database.DisposeAsync();
        if (Directory.Exists(_warehouse))
        {
            Directory.Delete(_warehouse, recursive: true);
        }
    }

    [Fact]
    public async Task The_reminder_compacts_a_fragmented_table_and_keeps_its_rows_and_offsets()
    {
        var written = await FragmentedTradesTableAsync();
        var before = await CurrentAsync();
        var id = "k2-maintenance-" + Guid.NewGuid().ToString("N")[..8];
        _cluster = PostgresTestCluster.Build(_database, 1, id, id, builder =>
        {
            builder.Properties[$"{LakehouseOptions.SectionName}:WarehousePath"] = _warehouse;
            builder.Properties["K2:Maintenance:MinSmallFilesPerPartition"] = "4";
            builder.Properties["K2:Maintenance:Schedule:Interval"] = "00:00:02";
            builder.Properties["K2:Maintenance:Schedule:Tables:0"] = "market_data.trades";
            builder.AddSiloBuilderConfigurator<MaintenanceSiloConfigurator>();
        });
        await _cluster.DeployAsync();

        // Nothing but the silo's reminder calls the grain; wait until its run has compacted both partitions
        // (BINANCE and ASX of one day: one replace snapshot each).
        using var guard = new CancellationTokenSource(TestTimeouts.Generous * 4);
        while ((await CurrentAsync()).CurrentSnapshot!.Counter(SnapshotSummary.TotalDataFiles) != 2)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), guard.Token);
        }

        var after = await CurrentAsync();
        var replaces = after.CurrentAncestry().TakeWhile(s => s.SnapshotId != before.CurrentSnapshotId).ToList();
        Assert.Equal(2, replaces.Count);
        Assert.All(replaces, snapshot =>
        {
            Assert.Equal(SnapshotSummary.ReplaceOperation, snapshot.Operation);
            Assert.Equal(Appends, snapshot.Counter(SnapshotSummary.DeletedDataFiles));
            Assert.Equal(1, snapshot.Counter(SnapshotSummary.AddedDataFiles));
            Assert.Equal(before.CurrentSnapshot!.Summary[KafkaOffsetMap.OffsetsProperty], snapshot.Summary[KafkaOffsetMap.OffsetsProperty]);
            Assert.Equal(before.CurrentSnapshot.Summary[KafkaOffsetMap.ClusterIdProperty], snapshot.Summary[KafkaOffsetMap.ClusterIdProperty]);
        });
        var rows = await ReadAsync(after);
        Assert.Equal(written.Select(t => t.TradeId).Order(StringComparer.Ordinal), rows.Select(t => t.TradeId).Order(StringComparer.Ordinal));
        Assert.Equal(written.Select(t => (t.TradeId, t.Price, t.Timestamp)).OrderBy(t => t.TradeId, StringComparer.Ordinal), rows.Select(t => (t.TradeId, t.Price, t.Timestamp)).OrderBy(t => t.TradeId, StringComparer.Ordinal));
        var again = await _cluster.Client.GetGrain<ITableMaintenanceGrain>("market_data.trades").RunNowAsync();
        Assert.Equal(0, again!.CompactedPartitions); // nothing left to compact
        Assert.Equal(2, (await CurrentAsync()).CurrentSnapshot!.Counter(SnapshotSummary.TotalDataFiles));
    }

    /// <summary>Appends of one trade per exchange, each recording Kafka offsets as the flusher does.</summary>
    private async Task<List<Trade>> FragmentedTradesTableAsync()
    {
        var catalog = _lakehouse.GetRequiredService<IcebergCatalog>();
        await catalog.InitializeAsync(CancellationToken.None);
        await catalog.CreateTableAsync(MarketDataTables.Trades, MarketDataTables.TradesDefinition, CancellationToken.None);
        var written = new List<Trade>();
        for (var i = 0; i < Appends; i++)
        {
            var batch = new List<Trade>
            {
                Trades.Binance(i + 1, Trades.BaseTime.AddSeconds(-i).AddTicks(10 * i)) with { Price = 0.00012345m + i },
                Trades.Asx(i + 1, at: Trades.BaseTime.AddSeconds(-i)),
            };
            var table = await catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
            var files = await _lakehouse.GetRequiredService<DataFileWriter>().WriteAsync(table.Metadata, batch, MarketDataLayouts.Trades, CancellationToken.None);
            var offsets = KafkaOffsetMap.Create("cluster-a", [KeyValuePair.Create(new TopicPartition("k2.trades", 0), (long)i + 1)]).ToSummary();
            await _lakehouse.GetRequiredService<AppendCommitter>().CommitAppendAsync(MarketDataTables.Trades, files, offsets, _ => true, CancellationToken.None);
            written.AddRange(batch);
        }

        return written;
    }

    private async Task<TableMetadata> CurrentAsync() =>
        (await _lakehouse.GetRequiredService<IcebergCatalog>().LoadTableAsync(MarketDataTables.Trades, CancellationToken.None)).Metadata;

    private async Task<IReadOnlyList<Trade>> ReadAsync(TableMetadata metadata)
    {
        var plan = await _lakehouse.GetRequiredService<ScanPlanner>().PlanAsync(metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);
        return await _lakehouse.GetRequiredService<DuckDbMarketDataReader>().ReadTradesAsync(plan, ScanFilter.All, CancellationToken.None);
    }

    /// <summary>Program.cs's registration, with reminders allowed to tick every few seconds for the test.</summary>
    private sealed class MaintenanceSiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = TimeSpan.FromSeconds(1));
            siloBuilder.Services.AddK2TableMaintenance(siloBuilder.Configuration);
        }
    }
}

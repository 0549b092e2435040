using K2.Lakehouse.Catalog;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace K2.QueryBench;

/// <summary>
/// What the load generator and the DuckDB baseline need to know about the table: the Parquet files of the current
/// snapshot and of the snapshot an <c>asOf</c> query selects (read once, before any timing), and the time it spans.
/// </summary>
internal sealed record TableFacts(
    long SnapshotId,
    int Snapshots,
    long Rows,
    IReadOnlyList<string> CurrentFiles,
    long DataBytes,
    DateTimeOffset AsOf,
    long AsOfSnapshotId,
    IReadOnlyList<string> AsOfFiles,
    DateTimeOffset From,
    DateTimeOffset Until)
{
    public static async Task<TableFacts> ReadAsync(QueryBenchOptions options, string warehouse)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{LakehouseOptions.SectionName}:{nameof(LakehouseOptions.WarehousePath)}"] = warehouse,
        }).Build();
        await using var services = new ServiceCollection()
            .AddSingleton(_ => NpgsqlDataSource.Create(options.Postgres))
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddK2Lakehouse(configuration)
            .BuildServiceProvider();
        var table = (await services.GetRequiredService<IcebergCatalog>().LoadTableAsync(MarketDataTables.Trades, CancellationToken.None)).Metadata;
        var planner = services.GetRequiredService<ScanPlanner>();
        var storage = services.GetRequiredService<IWarehouseStorage>();
        var current = await planner.PlanAsync(table, SnapshotSelection.Current, new ScanFilter(), CancellationToken.None);

        // Time travel to the middle of the table's history: the snapshot log entry halfway through, by its commit time.
        var middle = table.SnapshotLog[table.SnapshotLog.Count / 2];
        var asOf = DateTimeOffset.FromUnixTimeMilliseconds(middle.TimestampMs);
        var past = await planner.PlanAsync(table, SnapshotSelection.AsOf(asOf), new ScanFilter(), CancellationToken.None);
        return new TableFacts(
            current.Snapshot!.SnapshotId,
            table.SnapshotLog.Count,
            current.Files.Sum(f => f.RecordCount),
            [.. current.Files.Select(f => storage.ResolveForQueryEngine(f.Location))],
            current.Files.Sum(f => f.FileSizeInBytes),
            asOf,
            past.Snapshot!.SnapshotId,
            [.. past.Files.Select(f => storage.ResolveForQueryEngine(f.Location))],
            K2.IngestBench.SkewedFlow.DefaultStart,
            K2.IngestBench.SkewedFlow.DefaultStart + TradeTable.Spacing(options) * options.Trades);
    }
}

using System.Diagnostics;
using K2.IngestBench;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace K2.QueryBench;

/// <summary>
/// The benchmark's <c>market_data.trades</c> table, written through K2.Lakehouse's own writer and committer exactly as
/// the silo's flush writes it (one commit per flush-sized batch, same partitioning, sort and file settings), into a
/// warehouse kept under the cache directory. A rerun with the same sizes and seed re-registers the cached table's
/// metadata in the fresh catalog instead of writing it again.
/// </summary>
internal static class TradeTable
{
    private const string MetadataPointerFile = "metadata-location.txt";

    public static async Task<(string Warehouse, bool Reused, TimeSpan Elapsed)> EnsureAsync(QueryBenchOptions options, TextWriter log)
    {
        var directory = Path.Combine(options.CacheDirectory, options.CacheKey);
        var warehouse = Path.Combine(directory, "warehouse");
        var pointer = Path.Combine(directory, MetadataPointerFile);
        await using var services = Lakehouse(options.Postgres, warehouse, options.RowGroupRows);
        var catalog = services.GetRequiredService<IcebergCatalog>();
        await catalog.InitializeAsync(CancellationToken.None);
        await catalog.CreateNamespaceAsync(MarketDataTables.Namespace, CancellationToken.None);
        var clock = Stopwatch.StartNew();

        if (File.Exists(pointer))
        {
            var location = (await File.ReadAllTextAsync(pointer)).Trim();
            await services.GetRequiredService<SqlCatalogStore>().TryInsertAsync(MarketDataTables.Trades, location, CancellationToken.None);
            log.WriteLine($"reusing the cached table {directory}");
            return (warehouse, true, clock.Elapsed);
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true); // an interrupted generation: no pointer, start again
        }

        Directory.CreateDirectory(warehouse);
        log.WriteLine($"writing {options.Trades:N0} trades over {options.Symbols} symbols and {options.Days} days in flushes of {options.FlushTrades:N0}, row groups of {options.RowGroupRows:N0} rows, to {directory}");
        await GenerateAsync(options, services, log);
        var written = await catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        await File.WriteAllTextAsync(pointer, written.MetadataLocation);
        return (warehouse, false, clock.Elapsed);
    }

    private static async Task GenerateAsync(QueryBenchOptions options, ServiceProvider services, TextWriter log)
    {
        var catalog = services.GetRequiredService<IcebergCatalog>();
        var writer = services.GetRequiredService<DataFileWriter>();
        var committer = services.GetRequiredService<AppendCommitter>();
        await catalog.CreateTableAsync(MarketDataTables.Trades, MarketDataTables.TradesDefinition, CancellationToken.None);
        var flow = new SkewedFlow(options.Symbols, options.Seed, SkewedFlow.DefaultStart, Spacing(options));
        var batch = new List<Contracts.Model.Trade>(options.FlushTrades);
        for (var next = 0; next < options.Trades; next += options.FlushTrades)
        {
            batch.Clear();
            for (var i = next; i < Math.Min(options.Trades, next + options.FlushTrades); i++)
            {
                // The grain numbers a symbol's accepted trades 1, 2, ... in order; the flow's trades are in order.
                var trade = flow.Next(i);
                batch.Add(trade with { PlatformSequence = trade.SourceSequence });
            }

            var table = await catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
            var files = await writer.WriteAsync(table.Metadata, batch, MarketDataLayouts.Trades, CancellationToken.None);
            await committer.CommitAppendAsync(MarketDataTables.Trades, files, _ => new Dictionary<string, string>(), CancellationToken.None);
            if ((next / options.FlushTrades) % 10 == 9)
            {
                log.WriteLine($"  {next + batch.Count:N0} trades committed");
            }
        }
    }

    /// <summary>Trades spread evenly over the days: 20M trades over 3 days is one every 1.296 ms.</summary>
    public static TimeSpan Spacing(QueryBenchOptions options) =>
        TimeSpan.FromTicks(TimeSpan.FromDays(options.Days).Ticks / options.Trades / 10 * 10); // whole microseconds

    private static ServiceProvider Lakehouse(string postgres, string warehouse, int rowGroupRows)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"{LakehouseOptions.SectionName}:{nameof(LakehouseOptions.WarehousePath)}"] = warehouse,
            [$"{LakehouseOptions.SectionName}:{nameof(LakehouseOptions.RowGroupRows)}"] = rowGroupRows.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }).Build();
        return new ServiceCollection()
            .AddSingleton(_ => NpgsqlDataSource.Create(postgres))
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddK2Lakehouse(configuration)
            .BuildServiceProvider();
    }
}

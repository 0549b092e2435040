using DuckDB.NET.Data;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Reading;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using Microsoft.Extensions.DependencyInjection;

namespace K2.ChaosTests.Reconciliation;

/// <summary>
/// How many times each trade id of each symbol is in the current snapshot of the Iceberg <c>trades</c> table, read two
/// independent ways over the same scan plan: K2's own reader (catalog → <see cref="ScanPlanner"/> →
/// <see cref="DuckDbMarketDataReader"/>), and a plain DuckDB <c>read_parquet</c> over the planned data files.
/// <see cref="BackfilledByK2Reader"/> counts, per symbol, the rows whose <c>vendor_data</c> marks them as delivered by
/// gap repair rather than the live stream.
/// </summary>
public sealed record TableContents(
    IReadOnlyDictionary<(string Exchange, string Symbol, string TradeId), int> ByK2Reader,
    IReadOnlyDictionary<(string Exchange, string Symbol, string TradeId), int> ByDuckDb,
    IReadOnlyDictionary<(string Exchange, string Symbol), int> BackfilledByK2Reader,
    int DataFiles)
{
    /// <summary>The <c>vendor_data</c> key and value the Binance gap repairer puts on the trades it republishes (docs/binance.md).</summary>
    private const string BackfilledKey = "backfilled";
    private const string BackfilledValue = "true";

    public static async Task<TableContents> ReadAsync(IServiceProvider lakehouse, CancellationToken cancellationToken)
    {
        var table = await lakehouse.GetRequiredService<IcebergCatalog>().LoadTableAsync(MarketDataTables.Trades, cancellationToken);
        var plan = await lakehouse.GetRequiredService<ScanPlanner>().PlanAsync(table.Metadata, SnapshotSelection.Current, ScanFilter.All, cancellationToken);
        var trades = await lakehouse.GetRequiredService<DuckDbMarketDataReader>().ReadTradesAsync(plan, ScanFilter.All, cancellationToken);
        var byReader = trades
            .GroupBy(trade => (trade.Exchange, trade.Symbol, trade.TradeId))
            .ToDictionary(group => group.Key, group => group.Count());
        var backfilled = trades
            .Where(trade => trade.VendorData.TryGetValue(BackfilledKey, out var value) && value == BackfilledValue)
            .GroupBy(trade => (trade.Exchange, trade.Symbol))
            .ToDictionary(group => group.Key, group => group.Count());

        var storage = lakehouse.GetRequiredService<IWarehouseStorage>();
        var files = plan.Files.Select(file => storage.ResolveForQueryEngine(file.Location)).ToArray();
        return new TableContents(byReader, await CountWithDuckDbAsync(files, cancellationToken), backfilled, files.Length);
    }

    private static async Task<Dictionary<(string, string, string), int>> CountWithDuckDbAsync(string[] files, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<(string, string, string), int>();
        if (files.Length == 0)
        {
            return counts;
        }

        var settings = new DuckDBConnectionStringBuilder { DataSource = ":memory:" };
        settings["autoinstall_known_extensions"] = "false";
        await using var connection = new DuckDBConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT exchange, symbol, trade_id, count(*) FROM read_parquet($files) GROUP BY exchange, symbol, trade_id";
        command.Parameters.Add(new DuckDBParameter("files", files));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[(reader.GetString(0), reader.GetString(1), reader.GetString(2))] = Convert.ToInt32(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture);
        }

        return counts;
    }
}

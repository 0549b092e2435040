using K2.Contracts.Model;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;

namespace K2.Lakehouse.Tests.Maintenance;

/// <summary>
/// A trades table fragmented the way streaming flushes fragment it: many appends, each adding one small file to each
/// of four partitions (BINANCE and ASX on two days). Target files are 64 rows, so compaction output is easy to count.
/// </summary>
internal static class SmallFileTable
{
    public const int TargetFileRows = 64;
    public const int Partitions = 4;

    /// <summary>Rows per partition per append (two symbols, two trades each).</summary>
    public const int RowsPerPartitionPerAppend = 4;

    public static Task<LakehouseHarness> CreateHarnessAsync(IDictionary<string, string?>? maintenance = null)
    {
        var settings = new Dictionary<string, string?> { ["MinSmallFilesPerPartition"] = "10" };
        foreach (var (key, value) in maintenance ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return LakehouseHarness.CreateAsync(
            new Dictionary<string, string?> { ["TargetFileRows"] = TargetFileRows.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            settings);
    }

    /// <summary>
    /// <paramref name="appends"/> appends; later appends carry earlier timestamps, so a merged file is only sorted if
    /// compaction sorts it. <paramref name="summaryFor"/> gives each append's extra summary properties.
    /// </summary>
    public static async Task<List<Trade>> AppendAsync(
        LakehouseHarness lakehouse,
        int appends,
        long firstId = 1,
        Func<int, IReadOnlyDictionary<string, string>>? summaryFor = null)
    {
        var all = new List<Trade>();
        for (var i = 0; i < appends; i++)
        {
            var batch = MarketDataSamples.Trades(perSymbolPerDay: 2, firstId: firstId + (i * 100))
                .Select(t => t with { Timestamp = t.Timestamp.AddMilliseconds(-i).AddTicks(-10 * i) })
                .ToList();
            await lakehouse.AppendTradesAsync(batch, summaryFor?.Invoke(i));
            all.AddRange(batch);
        }

        return all;
    }

    public static async Task<TableMetadata> LoadAsync(LakehouseHarness lakehouse) =>
        (await lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None)).Metadata;

    public static async Task<IReadOnlyList<Trade>> ReadAsync(LakehouseHarness lakehouse, SnapshotSelection selection)
    {
        var metadata = await LoadAsync(lakehouse);
        var plan = await lakehouse.Planner.PlanAsync(metadata, selection, ScanFilter.All, CancellationToken.None);
        return await lakehouse.Reader.ReadTradesAsync(plan, ScanFilter.All, CancellationToken.None);
    }

    public static async Task<IReadOnlyList<DataFile>> LiveFilesAsync(LakehouseHarness lakehouse, SnapshotSelection selection)
    {
        var metadata = await LoadAsync(lakehouse);
        return (await lakehouse.Planner.PlanAsync(metadata, selection, ScanFilter.All, CancellationToken.None)).Files;
    }

    /// <summary>The summary key consumers resume from, as K2's flushes record it.</summary>
    public const string OffsetsKey = "k2.kafka.offsets";

    /// <summary>An append's recorded Kafka offsets: partition 0 of the Binance trades topic ends at <paramref name="next"/>.</summary>
    public static Dictionary<string, string> Offsets(int next) => new() { [OffsetsKey] = $"{{\"k2.trades.binance\":{{\"0\":{next}}}}}" };

    public static string PathOf(LakehouseHarness lakehouse, string location) => lakehouse.Storage.ResolveForQueryEngine(location);
}

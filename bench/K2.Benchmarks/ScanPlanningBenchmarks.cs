using BenchmarkDotNet.Attributes;
using K2.Lakehouse.Caching;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;

namespace K2.Benchmarks;

/// <summary>
/// What every query API request pays before DuckDB runs: planning one symbol's 1-minute range over the trades table
/// (manifest list, every manifest, partition and column-metric pruning) on local disk. The table is built as the
/// silo's flushes build it, one append snapshot (one manifest) per flush, each flush a later time slice of 20 symbols,
/// so the manifests to read grow with the snapshots. <see cref="Cached"/> false plans with a cache of capacity 0 (every
/// manifest read and decoded per plan, as before the cache); true with the default cache, warm after the first plan.
/// </summary>
[MemoryDiagnoser]
public class ScanPlanningBenchmarks
{
    private const int TradesPerFlush = 2_000;
    private const int Symbols = 20;

    // 20 trades a second: a flush is a 100-second slice, so a 1-minute range touches one or two flushes' files.
    private static readonly TimeSpan TradeSpacing = TimeSpan.FromMilliseconds(50);
    private string _warehouse = string.Empty;
    private ScanPlanner _planner = null!;
    private TableMetadata _table = null!;
    private ScanFilter _filter = null!;

    /// <summary>Append snapshots (= manifests) in the table.</summary>
    [Params(10, 100, 400)]
    public int Snapshots { get; set; }

    /// <summary>Whether the planner keeps decoded manifests (<c>K2:Lakehouse:ScanCache</c>) between plans.</summary>
    [Params(false, true)]
    public bool Cached { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _warehouse = Path.Combine(Path.GetTempPath(), $"k2-bench-{Guid.NewGuid():N}");
        var storage = new LocalWarehouseStorage(_warehouse);
        var writer = new DataFileWriter(storage, Microsoft.Extensions.Options.Options.Create(new LakehouseOptions { WarehousePath = _warehouse }));
        var definition = MarketDataTables.TradesDefinition;
        var table = TableMetadataUpdates.NewTable(Guid.NewGuid(), $"{storage.RootLocation}/market_data/trades", definition.Schema, definition.Spec, definition.SortOrder, definition.Properties, 0);
        var manifests = new List<ManifestFile>();
        for (var flush = 0; flush < Snapshots; flush++)
        {
            var first = (long)flush * TradesPerFlush;
            var trades = Enumerable.Range(0, TradesPerFlush)
                .Select(i => SampleTrades.Binance(first + i) with { Symbol = $"SYM{i % Symbols:D2}USDT", Timestamp = At(first + i) })
                .ToList();
            var files = await writer.WriteAsync(table, trades, MarketDataLayouts.Trades, CancellationToken.None);
            table = await AppendAsync(storage, table, files, manifests);
        }

        _table = table;
        var cacheOptions = new ScanCacheOptions();
        if (!Cached)
        {
            cacheOptions.MaxManifestEntries = 0;
        }

        _planner = new ScanPlanner(storage, new ManifestCache(Microsoft.Extensions.Options.Options.Create(cacheOptions)));
        var middle = At((long)Snapshots * TradesPerFlush / 2);
        _filter = new ScanFilter
        {
            Exchange = "BINANCE",
            Symbols = new HashSet<string>(["SYM07USDT"], StringComparer.Ordinal),
            From = middle,
            Until = middle.AddMinutes(1),
        };
    }

    private static DateTimeOffset At(long trade) => SampleTrades.Binance(0).Timestamp + (TradeSpacing * trade);

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_warehouse, recursive: true);

    [Benchmark]
    public async Task<int> PlanOneSymbolMinute()
    {
        var plan = await _planner.PlanAsync(_table, SnapshotSelection.Current, _filter, CancellationToken.None);
        return plan.Files.Count;
    }

    /// <summary>An append as the committer makes it (new manifest first, then the parent's), without a catalog.</summary>
    private static async Task<TableMetadata> AppendAsync(LocalWarehouseStorage storage, TableMetadata table, IReadOnlyList<DataFile> files, List<ManifestFile> manifests)
    {
        var snapshotId = SnapshotIds.New(table);
        var sequence = table.LastSequenceNumber + 1;
        var written = await ManifestWriter.WriteAddedAsync(storage, $"{table.Location}/metadata/{Guid.NewGuid()}-m0.avro", table, files, CancellationToken.None);
        manifests.Insert(0, written.ForCommit(sequence, snapshotId));
        var summary = SnapshotSummary.ForAppend(table.CurrentSnapshot, files.Count, files.Sum(f => f.RecordCount), files.Sum(f => f.FileSizeInBytes), 1, new Dictionary<string, string>());
        var snapshot = new Snapshot(snapshotId, table.CurrentSnapshot?.SnapshotId, sequence, table.LastUpdatedMs + 1, $"{table.Location}/metadata/snap-{snapshotId}.avro", summary, table.CurrentSchemaId);
        await ManifestListWriter.WriteAsync(storage, snapshot.ManifestList, snapshot, manifests, CancellationToken.None);
        return TableMetadataUpdates.AddSnapshot(table, $"{table.Location}/metadata/v{sequence}.metadata.json", snapshot, 100);
    }
}

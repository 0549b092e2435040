using BenchmarkDotNet.Attributes;
using K2.Contracts.Model;
using K2.Lakehouse.Configuration;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;

namespace K2.Benchmarks;

/// <summary>
/// A flush's file work: 100,000 Binance trades over 20 symbols (one day, one exchange: one partition) partitioned,
/// sorted, written as Iceberg data files with column metrics, to the local file system. Reported per trade.
/// </summary>
[MemoryDiagnoser]
public class ParquetWriteBenchmarks
{
    private const int Rows = 100_000;
    private const int Symbols = 20;
    private Trade[] _trades = [];
    private string _warehouse = string.Empty;
    private DataFileWriter _writer = null!;
    private TableMetadata _table = null!;

    /// <summary>
    /// K2's default (zstd 3) against zstd 1 (<c>Fastest</c>). Parquet.Net's own default, zstd 19 (<c>SmallestSize</c>,
    /// what K2 wrote before session 5), costs ~6× the time and is no longer measured here.
    /// </summary>
    [Params(System.IO.Compression.CompressionLevel.Fastest, System.IO.Compression.CompressionLevel.Optimal)]
    public System.IO.Compression.CompressionLevel Level { get; set; }

    /// <summary>With and without the 1-minute bar sidecar each trades file now gets (docs/lakehouse.md): its cost on a flush.</summary>
    [Params(true, false)]
    public bool BarSidecars { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _trades = [.. Enumerable.Range(1, Rows).Select(i => SampleTrades.Binance(i) with { Symbol = $"SYM{i % Symbols:D2}USDT", Price = 67_000m + (i % 997 * 0.01m) })];
        _warehouse = Path.Combine(Path.GetTempPath(), $"k2-bench-{Guid.NewGuid():N}");
        var options = new LakehouseOptions { WarehousePath = _warehouse, CompressionLevel = Level, WriteBarSidecars = BarSidecars };
        var storage = new LocalWarehouseStorage(_warehouse);
        _writer = new DataFileWriter(storage, Microsoft.Extensions.Options.Options.Create(options));
        var definition = MarketDataTables.TradesDefinition;
        _table = TableMetadataUpdates.NewTable(Guid.NewGuid(), $"{storage.RootLocation}/market_data/trades", definition.Schema, definition.Spec, definition.SortOrder, definition.Properties, 0);
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_warehouse, recursive: true);

    [Benchmark(OperationsPerInvoke = Rows)]
    public async Task<int> WriteTrades()
    {
        var files = await _writer.WriteAsync(_table, _trades, MarketDataLayouts.Trades, CancellationToken.None);
        return files.Count;
    }
}

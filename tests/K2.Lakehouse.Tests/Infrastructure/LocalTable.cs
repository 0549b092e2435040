using K2.Lakehouse.Configuration;
using K2.Lakehouse.Iceberg.Metadata;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;

namespace K2.Lakehouse.Tests.Infrastructure;

/// <summary>
/// Table metadata and a writer over a temporary warehouse, without a catalog: enough to test what the data files
/// themselves contain.
/// </summary>
public sealed class LocalTable : IDisposable
{
    public LocalTable(LakehouseOptions? options = null)
    {
        Options = options ?? new LakehouseOptions();
        Options.WarehousePath = Path.Combine(Path.GetTempPath(), $"k2-files-{Guid.NewGuid():N}");
        Storage = new LocalWarehouseStorage(Options.WarehousePath);
        Writer = new DataFileWriter(Storage, Microsoft.Extensions.Options.Options.Create(Options));
        var definition = MarketDataTables.TradesDefinition;
        Metadata = TableMetadataUpdates.NewTable(Guid.NewGuid(), $"{Storage.RootLocation}/market_data/trades", definition.Schema, definition.Spec, definition.SortOrder, definition.Properties, 0);
    }

    public LakehouseOptions Options { get; }

    public LocalWarehouseStorage Storage { get; }

    public DataFileWriter Writer { get; }

    public TableMetadata Metadata { get; }

    public string PathOf(string location) => Storage.ResolveForQueryEngine(location);

    public void Dispose() => Directory.Delete(Options.WarehousePath, recursive: true);
}

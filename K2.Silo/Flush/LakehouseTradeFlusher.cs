using K2.Contracts.Avro;
using K2.Contracts.Model;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;

namespace K2.Silo.Flush;

/// <summary>Flushes trades into <c>market_data.trades</c> (see <see cref="LakehouseFlusher{TRecord}"/>).</summary>
public sealed class LakehouseTradeFlusher(
    IcebergCatalog catalog,
    DataFileWriter writer,
    AppendCommitter committer,
    IWarehouseStorage storage,
    ILogger<LakehouseTradeFlusher> logger) : LakehouseFlusher<Trade>(catalog, writer, committer, storage, logger)
{
    public override MarketDataRecordType Kind => MarketDataRecordType.Trade;

    protected override TableIdentifier Table => MarketDataTables.Trades;

    protected override TableDefinition Definition => MarketDataTables.TradesDefinition;

    protected override RowLayout<Trade> Layout => MarketDataLayouts.Trades;
}

using K2.Contracts.Avro;
using K2.Contracts.Model;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;

namespace K2.Silo.Flush;

/// <summary>Flushes quotes into <c>market_data.quotes</c> (see <see cref="LakehouseFlusher{TRecord}"/>).</summary>
public sealed class LakehouseQuoteFlusher(
    IcebergCatalog catalog,
    DataFileWriter writer,
    AppendCommitter committer,
    IWarehouseStorage storage,
    ILogger<LakehouseQuoteFlusher> logger) : LakehouseFlusher<Quote>(catalog, writer, committer, storage, logger)
{
    public override MarketDataRecordType Kind => MarketDataRecordType.Quote;

    protected override TableIdentifier Table => MarketDataTables.Quotes;

    protected override TableDefinition Definition => MarketDataTables.QuotesDefinition;

    protected override RowLayout<Quote> Layout => MarketDataLayouts.Quotes;
}

using K2.Contracts.Model;
using K2.Lakehouse.Catalog;
using K2.Lakehouse.Commit;
using K2.Lakehouse.Iceberg.Manifests;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Writing;

namespace K2.Lakehouse.Tests.Infrastructure;

/// <summary>Write-then-commit steps the tests repeat.</summary>
public static class TableSetup
{
    private static readonly Dictionary<string, string> NoSummary = [];

    public static Task<LoadedTable> CreateTradesAsync(this LakehouseHarness lakehouse) =>
        lakehouse.Catalog.CreateTableAsync(MarketDataTables.Trades, MarketDataTables.TradesDefinition, CancellationToken.None);

    public static Task<LoadedTable> CreateQuotesAsync(this LakehouseHarness lakehouse) =>
        lakehouse.Catalog.CreateTableAsync(MarketDataTables.Quotes, MarketDataTables.QuotesDefinition, CancellationToken.None);

    /// <summary>Writes <paramref name="trades"/> against the current table state and appends them.</summary>
    public static async Task<(AppendCommitResult Result, IReadOnlyList<DataFile> Files)> AppendTradesAsync(
        this LakehouseHarness lakehouse,
        IReadOnlyList<Trade> trades,
        IReadOnlyDictionary<string, string>? summary = null,
        Func<K2.Lakehouse.Iceberg.Metadata.TableMetadata, bool>? stillNeeded = null)
    {
        var table = await lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
        var files = await lakehouse.Writer.WriteAsync(table.Metadata, trades, MarketDataLayouts.Trades, CancellationToken.None);
        var result = await lakehouse.Committer.CommitAppendAsync(MarketDataTables.Trades, files, summary ?? NoSummary, stillNeeded ?? (_ => true), CancellationToken.None);
        return (result, files);
    }

    public static async Task<(AppendCommitResult Result, IReadOnlyList<DataFile> Files)> AppendQuotesAsync(this LakehouseHarness lakehouse, IReadOnlyList<Quote> quotes)
    {
        var table = await lakehouse.Catalog.LoadTableAsync(MarketDataTables.Quotes, CancellationToken.None);
        var files = await lakehouse.Writer.WriteAsync(table.Metadata, quotes, MarketDataLayouts.Quotes, CancellationToken.None);
        var result = await lakehouse.Committer.CommitAppendAsync(MarketDataTables.Quotes, files, NoSummary, _ => true, CancellationToken.None);
        return (result, files);
    }
}

using K2.Contracts.Model;
using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Maintenance;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using K2.Lakehouse.Writing;

namespace K2.Lakehouse.Tests.Maintenance;

/// <summary>Compaction carries every column of the table's schema, not just the ones the model knows.</summary>
public sealed class CompactionSchemaTests : IAsyncLifetime
{
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await SmallFileTable.CreateHarnessAsync();

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task A_column_added_after_some_files_were_written_keeps_its_values_and_its_nulls()
    {
        await _lakehouse.CreateTradesAsync();
        var before = await SmallFileTable.AppendAsync(_lakehouse, appends: 6);
        var evolved = await _lakehouse.Schemas.AddColumnAsync(MarketDataTables.Trades, "venue_segment", PrimitiveType.String, null, CancellationToken.None);
        var layout = MarketDataLayouts.Trades.With(evolved.Metadata.CurrentSchema.Field("venue_segment").Id, t => $"SEG-{t.TradeId}");
        var after = new List<Trade>();
        for (var i = 0; i < 6; i++)
        {
            var batch = MarketDataSamples.Trades(perSymbolPerDay: 2, firstId: 10_000 + (i * 100));
            var table = await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Trades, CancellationToken.None);
            var appended = await _lakehouse.Writer.WriteAsync(table.Metadata, batch, layout, CancellationToken.None);
            await _lakehouse.Committer.CommitAppendAsync(MarketDataTables.Trades, appended, new Dictionary<string, string>(), _ => true, CancellationToken.None);
            after.AddRange(batch);
        }

        var results = await _lakehouse.Compactor.CompactAsync(MarketDataTables.Trades, CancellationToken.None);

        Assert.Equal(SmallFileTable.Partitions, results.Count(r => r.Status == RewriteCommitStatus.Committed));
        MarketDataAssert.SameTrades(before.Concat(after), await SmallFileTable.ReadAsync(_lakehouse, SnapshotSelection.Current));
        var files = await SmallFileTable.LiveFilesAsync(_lakehouse, SnapshotSelection.Current);
        var segments = await RawDuckDb.QueryAsync(
            "SELECT trade_id, venue_segment FROM read_parquet($files)",
            ("files", files.Select(f => SmallFileTable.PathOf(_lakehouse, f.Location)).ToArray()));
        var byTrade = segments.ToDictionary(r => (string)r[0]!, r => (string?)r[1]);
        Assert.Equal(before.Count + after.Count, byTrade.Count);
        Assert.All(before, t => Assert.Null(byTrade[t.TradeId]));
        Assert.All(after, t => Assert.Equal($"SEG-{t.TradeId}", byTrade[t.TradeId]));
    }

    [Fact]
    public async Task Quotes_compact_row_for_row()
    {
        await _lakehouse.CreateQuotesAsync();
        var written = new List<Quote>();
        for (var i = 0; i < 11; i++)
        {
            var batch = MarketDataSamples.Quotes().Select(q => q with { QuoteId = $"{q.QuoteId}-{i}", MessageId = Guid.NewGuid(), Timestamp = q.Timestamp.AddTicks(-10 * i) }).ToList();
            await _lakehouse.AppendQuotesAsync(batch);
            written.AddRange(batch);
        }

        var results = await _lakehouse.Compactor.CompactAsync(MarketDataTables.Quotes, CancellationToken.None);

        Assert.Equal(SmallFileTable.Partitions, results.Count(r => r.Status == RewriteCommitStatus.Committed));
        var metadata = (await _lakehouse.Catalog.LoadTableAsync(MarketDataTables.Quotes, CancellationToken.None)).Metadata;
        var plan = await _lakehouse.Planner.PlanAsync(metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);
        Assert.Equal(SmallFileTable.Partitions, plan.Files.Count);
        MarketDataAssert.SameQuotes(written, await _lakehouse.Reader.ReadQuotesAsync(plan, ScanFilter.All, CancellationToken.None));
    }
}

using K2.Lakehouse.Iceberg.Types;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Tables;
using K2.Lakehouse.Tests.Infrastructure;
using K2.Lakehouse.Writing;
using K2.Testing;

namespace K2.Lakehouse.Tests;

/// <summary>Adding a nullable column: new schema version, new field id, old files still read with null for it.</summary>
public sealed class SchemaEvolutionTests : IAsyncLifetime
{
    private LakehouseHarness _lakehouse = null!;

    public async Task InitializeAsync() => _lakehouse = await LakehouseHarness.CreateAsync();

    public async Task DisposeAsync() => await _lakehouse.DisposeAsync();

    [Fact]
    public async Task Adding_a_column_creates_a_new_current_schema_with_the_next_field_id()
    {
        var created = await _lakehouse.CreateTradesAsync();

        var evolved = await _lakehouse.Schemas.AddColumnAsync(MarketDataTables.Trades, "venue_segment", PrimitiveType.String, "Venue market segment", CancellationToken.None);

        var metadata = evolved.Metadata;
        Assert.Equal(1, metadata.CurrentSchemaId);
        Assert.Equal(2, metadata.Schemas.Count);
        Assert.Equal(TradeFields.VendorDataValue + 1, metadata.LastColumnId);
        var field = metadata.CurrentSchema.Field("venue_segment");
        Assert.Equal((TradeFields.VendorDataValue + 1, false), (field.Id, field.Required));
        Assert.Equal(created.Metadata.CurrentSchema.Fields, metadata.Schema(0).Fields);
        Assert.Equal(created.MetadataLocation, Assert.Single(metadata.MetadataLog).MetadataFile);

        var again = await _lakehouse.Schemas.AddColumnAsync(MarketDataTables.Trades, "venue_segment", PrimitiveType.String, null, CancellationToken.None);
        Assert.Equal(evolved.MetadataLocation, again.MetadataLocation);
    }

    [Fact]
    public async Task Files_written_before_the_column_existed_read_it_as_null()
    {
        await _lakehouse.CreateTradesAsync();
        var before = Enumerable.Range(1, 3).Select(i => Trades.Binance(i, MarketDataSamples.Day1.AddHours(9).AddSeconds(i))).ToList();
        var (_, oldFiles) = await _lakehouse.AppendTradesAsync(before);
        var evolved = await _lakehouse.Schemas.AddColumnAsync(MarketDataTables.Trades, "venue_segment", PrimitiveType.String, null, CancellationToken.None);
        var segmentId = evolved.Metadata.CurrentSchema.Field("venue_segment").Id;
        var after = Enumerable.Range(10, 2).Select(i => Trades.Binance(i, MarketDataSamples.Day1.AddHours(10).AddSeconds(i)) with
        {
            VendorData = new Dictionary<string, string> { ["segment"] = "CENTRAL" },
        }).ToList();

        var layout = MarketDataLayouts.Trades.With(segmentId, t => t.VendorData.GetValueOrDefault("segment"));
        var newFiles = await _lakehouse.Writer.WriteAsync(evolved.Metadata, after, layout, CancellationToken.None);
        var result = await _lakehouse.Committer.CommitAppendAsync(MarketDataTables.Trades, newFiles, new Dictionary<string, string>(), _ => true, CancellationToken.None);

        var plan = await _lakehouse.Planner.PlanAsync(result.Table.Metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);
        MarketDataAssert.SameTrades(before.Concat(after), await _lakehouse.Reader.ReadTradesAsync(plan, ScanFilter.All, CancellationToken.None));
        var segments = await RawDuckDb.QueryAsync(
            "SELECT trade_id, venue_segment FROM read_parquet($files, union_by_name = true) ORDER BY trade_id",
            ("files", plan.Files.Select(f => _lakehouse.Storage.ResolveForQueryEngine(f.Location)).ToArray()));
        Assert.Equal(
            [("BINANCE-1", null), ("BINANCE-10", "CENTRAL"), ("BINANCE-11", "CENTRAL"), ("BINANCE-2", null), ("BINANCE-3", null)],
            segments.Select(r => ((string)r[0]!, (string?)r[1])));

        var newFileIds = await FieldIdsAsync(newFiles.Single().Location);
        Assert.Equal(segmentId, newFileIds["venue_segment"]);
        Assert.DoesNotContain("venue_segment", (await FieldIdsAsync(oldFiles.Single().Location)).Keys);
        var manifest = (await K2.Lakehouse.Iceberg.Manifests.ManifestListReader.ReadAsync(_lakehouse.Storage, result.Table.Metadata.CurrentSnapshot!.ManifestList, CancellationToken.None))[0];
        Assert.Equal("1", (await AvroFiles.ReadAsync(_lakehouse.Storage, manifest.Path)).Metadata["schema-id"]);
    }

    [Fact]
    public async Task A_model_without_the_new_column_still_writes_complete_files()
    {
        await _lakehouse.CreateTradesAsync();
        await _lakehouse.Schemas.AddColumnAsync(MarketDataTables.Trades, "venue_segment", PrimitiveType.String, null, CancellationToken.None);

        var (_, files) = await _lakehouse.AppendTradesAsync([Trades.Binance(1)]);

        // The spec forbids omitting a known column: the unbound column is written, all null.
        var values = await RawDuckDb.ColumnAsync<object?>(_lakehouse.Storage.ResolveForQueryEngine(files.Single().Location), "venue_segment");
        Assert.Equal([null], values);
        Assert.Equal(1, files.Single().NullValueCounts[TradeFields.VendorDataValue + 1]);
    }

    private async Task<Dictionary<string, long>> FieldIdsAsync(string location)
    {
        var rows = await RawDuckDb.QueryAsync("SELECT name, field_id FROM parquet_schema($path) WHERE field_id IS NOT NULL", ("path", _lakehouse.Storage.ResolveForQueryEngine(location)));
        return rows.ToDictionary(r => (string)r[0]!, r => Convert.ToInt64(r[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}

using K2.Lakehouse.Commit;
using K2.Lakehouse.Scanning;
using K2.Lakehouse.Storage;
using K2.Lakehouse.Tests.Infrastructure;

namespace K2.Lakehouse.Tests.Storage;

/// <summary>
/// The whole table format on Azure Blob Storage, selected by configuration as a host would: Parquet files, Avro
/// manifests and metadata written to Azurite, committed through the catalog, planned back from the blobs.
/// </summary>
public sealed class AzureBlobLakehouseTests
{
    [AzuriteFact]
    public async Task Trades_committed_to_blob_storage_are_planned_back_from_it()
    {
        var container = Azurite.NewContainerName();
        await using var lakehouse = await LakehouseHarness.CreateAsync(new Dictionary<string, string?>
        {
            ["Storage:Kind"] = nameof(WarehouseStorageKind.AzureBlob),
            ["Storage:AzureBlob:ConnectionString"] = Azurite.ConnectionString,
            ["Storage:AzureBlob:Container"] = container,
        });
        Assert.IsType<AzureBlobWarehouseStorage>(lakehouse.Storage);
        await lakehouse.CreateTradesAsync();
        var trades = MarketDataSamples.Trades();

        var (result, files) = await lakehouse.AppendTradesAsync(trades);

        Assert.Equal(AppendCommitStatus.Committed, result.Status);
        var plan = await lakehouse.Planner.PlanAsync(result.Table.Metadata, SnapshotSelection.Current, ScanFilter.All, CancellationToken.None);
        Assert.Equal(trades.Count, plan.RecordCount);
        Assert.Equal(files.Select(f => f.Location).Order(), plan.Files.Select(f => f.Location).Order());
        Assert.All(plan.Files, file => Assert.StartsWith($"abfss://{container}@devstoreaccount1.dfs.core.windows.net/", file.Location, StringComparison.Ordinal));
        foreach (var file in plan.Files)
        {
            Assert.True(await lakehouse.Storage.ExistsAsync(file.Location, CancellationToken.None), file.Location);
        }

        // DuckDB cannot read blob URLs offline; without a mount the read says so instead of returning nothing.
        await Assert.ThrowsAsync<NotSupportedException>(() => lakehouse.Reader.ReadTradesAsync(plan, ScanFilter.All, CancellationToken.None));
    }
}
